import { useId, useMemo } from 'react';
import { CopyButton } from '../../components/ui/copy-button';
import type { DecodeResult } from '../../lib/jwt/decode';
import { buildShareLink, buildShareToken, SHARE_WARNING } from '../../lib/jwt/share';
import { useDebuggerActions, useShareOptions } from './debugger-store';

/** Longer links are previewed, not shown in full: a 100 KB input value costs a layout per keystroke. */
const PREVIEW_LIMIT = 2048;

/** Copies /debugger#token=… (fragment only, never sent to a server), optionally masked and unsigned. */
export function SharePanel({ decoded, cleanedToken }: { decoded: DecodeResult; cleanedToken: string }) {
  const { maskClaims, stripSignature } = useShareOptions();
  const { maskedClaimToggled, stripSignatureChanged } = useDebuggerActions();
  const ids = useId();
  const link = useMemo(() => {
    const token = decoded.kind === 'jws' ? buildShareToken(decoded, { maskClaims, stripSignature }) : cleanedToken;
    return buildShareLink(window.location.origin, token);
  }, [decoded, cleanedToken, maskClaims, stripSignature]);
  if (decoded.kind === 'empty') return null;
  const claimNames = decoded.kind === 'jws' && decoded.claims ? Object.keys(decoded.claims) : [];
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Share</h2>
      <p className="status warn share-warning">{SHARE_WARNING}</p>
      {decoded.kind === 'jws' && (
        <>
          <label className="inline-check">
            <input type="checkbox" checked={stripSignature} onChange={(event) => stripSignatureChanged(event.target.checked)} /> Strip the signature (the shared token can never be used)
          </label>
          {claimNames.length > 0 && (
            <fieldset className="mask-claims">
              <legend>Mask claims</legend>
              {claimNames.map((name) => (
                <label key={name} className="inline-check">
                  <input type="checkbox" checked={maskClaims.includes(name)} onChange={(event) => maskedClaimToggled(name, event.target.checked)} /> Mask {name}
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      <div className="field">
        <label htmlFor={`${ids}-link`}>Share link</label>
        <input id={`${ids}-link`} type="text" className="mono" readOnly aria-describedby={link.length > PREVIEW_LIMIT ? `${ids}-link-hint` : undefined} value={link.length > PREVIEW_LIMIT ? `${link.slice(0, PREVIEW_LIMIT)}…` : link} />
        {link.length > PREVIEW_LIMIT && <span className="field-hint" id={`${ids}-link-hint`}>{link.length.toLocaleString('en')} characters: “Copy share link” copies all of it.</span>}
      </div>
      <CopyButton text={link} label="Copy share link" className="primary" />
      <p className="muted">The token travels in the URL fragment (after #), which browsers never send to a server. Keys are never part of the link.</p>
    </section>
  );
}
