import { useId, useState } from 'react';
import { CopyButton } from '../../components/ui/copy-button';
import { detectKeyFormat, KEY_FORMAT_LABELS } from '../../lib/jwt/key-format';
import type { GeneratedKey } from '../../lib/jwt/keygen';
import { KEYGEN_KINDS, KEYGEN_LABELS } from '../../lib/jwt/keygen-kinds';
import type { KeygenKind } from '../../lib/jwt/keygen-kinds';
import { useDebuggerActions, useGeneratedKey, useSigningKey } from './debugger-store';

function KeyOutput({ label, value }: { label: string; value: string }) {
  const id = useId();
  return (
    <div className="field">
      <div className="key-output-head">
        <label htmlFor={id}>{label}</label>
        <CopyButton text={value} label={`Copy ${label}`} />
      </div>
      <textarea id={id} className="mono key-output" readOnly value={value} rows={4} spellCheck={false} />
    </div>
  );
}

function GeneratedKeyView({ generated }: { generated: GeneratedKey }) {
  const { generatedKeyApplied } = useDebuggerActions();
  return (
    <div className="generated-key">
      <p>
        Thumbprint (RFC 7638, used as <code>kid</code>): <code className="thumbprint">{generated.thumbprint}</code>
      </p>
      {generated.type === 'pair' ? (
        <div className="grid-2">
          <KeyOutput label="Private key (PEM)" value={generated.privatePem} />
          <KeyOutput label="Public key (PEM)" value={generated.publicPem} />
          <KeyOutput label="Private JWK" value={JSON.stringify(generated.privateJwk, null, 2)} />
          <KeyOutput label="Public JWK" value={JSON.stringify(generated.publicJwk, null, 2)} />
        </div>
      ) : (
        <div className="grid-2">
          <KeyOutput label="Secret (base64url)" value={generated.secret} />
          <KeyOutput label="Secret JWK" value={JSON.stringify(generated.jwk, null, 2)} />
        </div>
      )}
      <button type="button" className="primary" onClick={generatedKeyApplied}>
        Sign and verify with this key
      </button>
    </div>
  );
}

/** "Signing key" (secret or private key), explicit signing, and local key generation. */
export function SigningPanel() {
  const signingKey = useSigningKey();
  const generated = useGeneratedKey();
  const { signingKeyChanged, signRequested, keyGenerated } = useDebuggerActions();
  const [kind, setKind] = useState<KeygenKind>('RSA-2048');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();
  const format = detectKeyFormat(signingKey);
  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      const { generateKey } = await import('../../lib/jwt/keygen');
      keyGenerated(await generateKey(kind));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Sign</h2>
      <div className="field">
        <label htmlFor={`${ids}-key`}>Signing key</label>
        <textarea
          id={`${ids}-key`}
          aria-describedby={`${ids}-key-hint`}
          className="mono key-text"
          value={signingKey}
          rows={5}
          spellCheck={false}
          autoComplete="off"
          placeholder="HMAC secret, -----BEGIN PRIVATE KEY----- (PKCS#8), RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC1) or a private JWK"
          onChange={(event) => signingKeyChanged(event.target.value)}
        />
        <span className="field-hint" id={`${ids}-key-hint`}>
          {format === 'empty' ? 'With a signing key, edits to the header or payload re-sign the token live.' : format === 'jwks' || format === 'pem-unknown' ? 'Detected: ' + (format === 'jwks' ? 'a JWK Set.' : 'an unsupported PEM block.') : `Detected: ${KEY_FORMAT_LABELS[format]}.`}{' '}
          The header&apos;s “alg” picks the algorithm; the secret uses “Secret encoding”. Never stored, never sent.
        </span>
      </div>
      <button type="button" onClick={signRequested} disabled={signingKey.trim() === ''}>
        Sign token
      </button>
      <h3>Generate a key</h3>
      <div className="button-row">
        <label htmlFor={`${ids}-kind`}>Key type</label>
        <select id={`${ids}-kind`} value={kind} onChange={(event) => setKind(event.target.value as KeygenKind)} className="auto-width">
          {KEYGEN_KINDS.map((value) => (
            <option key={value} value={value}>
              {KEYGEN_LABELS[value]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void generate()} disabled={busy}>
          {busy ? 'Generating…' : 'Generate key'}
        </button>
      </div>
      <p className="muted">Generated in this browser with WebCrypto; nothing leaves the page.</p>
      {error && (
        <p role="alert" className="error-detail">
          {error}
        </p>
      )}
      {generated && <GeneratedKeyView generated={generated} />}
    </section>
  );
}
