import { useId, useState } from 'react';
import type { DecodedJwe } from '../../lib/jwt/decode';
import { formatJson } from '../../lib/jwt/json-format';
import type { DecryptedJwe } from '../../lib/jwt/jwe';
import { useDebuggerActions, useDecryptionKey, useSecretEncoding } from './debugger-store';

/** A JWE: its protected header, and decryption with a key the user gives (RSA-OAEP*, ECDH-ES*, A*KW, dir). */
export function JwePanel({ token }: { token: DecodedJwe }) {
  const encoding = useSecretEncoding();
  const { tokenPasted, decryptionKeyChanged } = useDebuggerActions();
  const keyText = useDecryptionKey();
  const [result, setResult] = useState<DecryptedJwe | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const decrypt = async () => {
    setError(null);
    setResult(null);
    try {
      const { decryptJwe } = await import('../../lib/jwt/jwe');
      setResult(await decryptJwe(token, keyText, encoding));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Encrypted token (JWE)</h2>
      <h3>Protected header</h3>
      <pre className="mono">{formatJson(token.headerText)}</pre>
      <div className="field">
        <label htmlFor={`${ids}-key`}>Decryption key</label>
        <textarea id={`${ids}-key`} aria-describedby={`${ids}-key-hint`} className="mono key-text" rows={4} value={keyText} spellCheck={false} autoComplete="off" onChange={(event) => decryptionKeyChanged(event.target.value)} />
        <span className="field-hint" id={`${ids}-key-hint`}>The recipient&apos;s private key (PEM or JWK) for RSA-OAEP and ECDH-ES, or the shared key for A*KW and dir (uses “Secret encoding”). Never stored.</span>
      </div>
      <button type="button" onClick={() => void decrypt()} disabled={keyText.trim() === ''}>
        Decrypt
      </button>
      {error && (
        <p role="alert" className="error-detail">
          {error}
        </p>
      )}
      {result && (
        <div>
          <h3>Plaintext</h3>
          <pre className="mono">{result.plaintext}</pre>
          {result.nested && (
            <button type="button" onClick={() => tokenPasted(result.plaintext)}>
              Open the inner token
            </button>
          )}
        </div>
      )}
    </section>
  );
}
