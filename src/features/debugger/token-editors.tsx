import { useMemo } from 'react';
import { LazyJsonEditor } from '../../components/ui/lazy-json-editor';
import type { DecodeResult } from '../../lib/jwt/decode';
import { formatJson } from '../../lib/jwt/json-format';
import { useDebuggerActions, useDrafts, useSignError } from './debugger-store';
import { draftError } from './json-draft';
import type { DraftError } from './json-draft';

function shownHeader(decoded: DecodeResult): string {
  if (decoded.kind === 'jws' || decoded.kind === 'malformed' || decoded.kind === 'jwe') return decoded.headerText ? formatJson(decoded.headerText) : '';
  return '';
}

function shownPayload(decoded: DecodeResult): { text: string; note?: string } {
  if (decoded.kind !== 'jws' && decoded.kind !== 'malformed') return { text: '' };
  const payload = decoded.payload;
  if (!payload) return { text: '' };
  if (payload.kind === 'json') return { text: formatJson(payload.text) };
  if (payload.kind === 'text') return { text: payload.text, note: 'The payload is not JSON: shown as text (this is a JWS, not a JWT).' };
  return { text: payload.base64url, note: `The payload is binary (${payload.byteLength} bytes): shown as base64url.` };
}

function ErrorLine({ part, error }: { part: string; error: DraftError | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-detail draft-error">
      {part}: invalid JSON at line {error.line}, column {error.column}: {error.message}. Your text is kept; the token changes once it parses.
    </p>
  );
}

/** The "Header" and "Payload" editors: decoded JSON, pretty-printed; edits re-encode (and re-sign) the token. */
export function TokenEditors({ decoded }: { decoded: DecodeResult }) {
  const { headerDraft, payloadDraft } = useDrafts();
  const signError = useSignError();
  const { headerEdited, payloadEdited } = useDebuggerActions();
  const header = useMemo(() => headerDraft ?? shownHeader(decoded), [headerDraft, decoded]);
  const payload = useMemo(() => (payloadDraft !== null ? { text: payloadDraft } : shownPayload(decoded)), [payloadDraft, decoded]);
  const headerError = headerDraft !== null ? draftError(headerDraft, 'header') : null;
  const payloadError = payloadDraft !== null ? draftError(payloadDraft, 'payload') : null;
  return (
    <div className="token-editors">
      <div className="editor-block">
        <h2 id="header-editor-label" className="seg-header">
          Header
        </h2>
        <LazyJsonEditor label="Header" value={header} onChange={headerEdited} error={headerError} />
        <ErrorLine part="Header" error={headerError} />
      </div>
      <div className="editor-block">
        <h2 id="payload-editor-label" className="seg-payload">
          Payload
        </h2>
        <LazyJsonEditor label="Payload" value={payload.text} onChange={payloadEdited} error={payloadError} />
        {payload.note && <p className="muted">{payload.note}</p>}
        <ErrorLine part="Payload" error={payloadError} />
      </div>
      {signError && (
        <p role="alert" className="error-detail">
          Could not re-sign: {signError}
        </p>
      )}
      <p className="muted unverified-note">Decoded contents are UNVERIFIED until the signature status says otherwise.</p>
    </div>
  );
}
