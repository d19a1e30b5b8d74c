import { useRef } from 'react';
import type { ReactNode } from 'react';
import type { MalformedToken } from '../../lib/jwt/decode';
import { useDebuggerActions, useSignatureStale, useTokenInput } from './debugger-store';

const SEGMENT_CLASSES = ['seg-header', 'seg-payload', 'seg-signature'];
const JWE_CLASSES = ['seg-header', 'seg-jwe-key', 'seg-jwe-iv', 'seg-payload', 'seg-signature'];

/** Splits the text at dots into coloured spans, marking one faulty character when known. */
function colourSegments(text: string, errorAt: number | undefined): ReactNode[] {
  const parts = text.split('.');
  const classes = parts.length === 5 ? JWE_CLASSES : SEGMENT_CLASSES;
  const out: ReactNode[] = [];
  let offset = 0;
  parts.forEach((part, index) => {
    if (index > 0) out.push(<span key={`dot${index}`} className="seg-dot">.</span>);
    const className = classes[index] ?? 'seg-extra';
    if (errorAt !== undefined && errorAt >= offset && errorAt < offset + part.length) {
      const at = errorAt - offset;
      out.push(
        <span key={index} className={className}>
          {part.slice(0, at)}
          <mark className="seg-error">{part[at]}</mark>
          {part.slice(at + 1)}
        </span>,
      );
    } else {
      out.push(<span key={index} className={className}>{part}</span>);
    }
    offset += part.length + 1;
  });
  return out;
}

/** Above this size the colour mirror is dropped: laying out the same 100 KB twice per keystroke would make typing lag. */
export const COLOUR_LIMIT = 32 * 1024;

interface TokenInputProps {
  /** Set when the token is malformed and the input needed no clean-up, so positions match. */
  malformed?: MalformedToken;
}

/** The "Encoded token" textbox, colour-coded by segment: a transparent textarea over a highlighted mirror. */
export function TokenInput({ malformed }: TokenInputProps) {
  const input = useTokenInput();
  const stale = useSignatureStale();
  const { tokenPasted } = useDebuggerActions();
  const mirror = useRef<HTMLPreElement>(null);
  const position = malformed?.error.location?.positionInToken;
  const coloured = input.length <= COLOUR_LIMIT;
  return (
    <div className="token-input-block">
      <label htmlFor="encoded-token" className="field-label">
        Encoded token
      </label>
      <div className="token-input">
        {coloured && (
          <pre className="token-mirror mono" aria-hidden="true" ref={mirror}>
            {colourSegments(input, position === undefined ? undefined : position - 1)}
            {'\n'}
          </pre>
        )}
        <textarea
          id="encoded-token"
          className={`token-textarea mono${coloured ? '' : ' plain'}`}
          value={input}
          placeholder="Paste a JWT, JWS or JWE (a Bearer prefix, quotes and line breaks are fine)"
          spellCheck={false}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          rows={7}
          onChange={(event) => tokenPasted(event.target.value)}
          onScroll={(event) => {
            if (mirror.current) mirror.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      <p className="segment-legend muted">
        <span className="seg-header">header</span> . <span className="seg-payload">payload</span> . <span className="seg-signature">signature</span>
        {!coloured && <span>(colour coding is off above {COLOUR_LIMIT / 1024} KB, to keep typing fast)</span>}
        {stale && (
          <span className="badge warn stale-marker" role="note">
            Signature stale: the header or payload changed and there is no signing key
          </span>
        )}
      </p>
    </div>
  );
}
