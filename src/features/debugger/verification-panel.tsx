import { useId, useState } from 'react';
import { CompanionError, companionAccessProblem } from '../../api/companion-client';
import { detectKeyFormat, KEY_FORMAT_LABELS, SECRET_ENCODING_LABELS } from '../../lib/jwt/key-format';
import type { SecretEncoding } from '../../lib/jwt/key-format';
import type { Verdict } from '../../lib/jwt/verify';
import { useDebuggerActions, useSecretEncoding, useVerificationKey } from './debugger-store';
import { useFetchDiscoveryJwks } from './fetch-discovery-jwks';
import { useFetchJwks } from './fetch-jwks';

const keyCount = (n: number) => `${n} key${n === 1 ? '' : 's'}`;

/** What went wrong with a fetch, naming the URL: the server's messages already do, except for input it could not parse. */
function fetchProblem(error: Error, asked: string | undefined): string {
  const access = companionAccessProblem(error);
  if (access) return `${access.title}: ${access.detail}`;
  if (error instanceof CompanionError && error.code === 'invalid_request') {
    // Not a URL at all: say so. A URL the server still refused (an issuer with a query…): its message names the rule.
    const url = URL.canParse(asked ?? '') ? new URL(asked ?? '') : null;
    return url && /^https?:$/.test(url.protocol) ? error.message : `“${asked ?? ''}” is not an http(s) URL.`;
  }
  return error.message;
}

function describeDetected(text: string): string {
  const format = detectKeyFormat(text);
  if (format === 'empty') return 'Paste a secret, a PEM public key, PKCS#1 key or X.509 certificate, a JWK or a JWKS.';
  if (format === 'jwks') return 'Detected: a JWK Set; the key is picked by the token\'s "kid", or each matching key is tried.';
  if (format === 'pem-unknown') return 'Detected: a PEM block of an unsupported type.';
  return `Detected: ${KEY_FORMAT_LABELS[format]}.`;
}

/** "Verification key" (auto-detected), "Secret encoding", and explicit JWKS / discovery fetches. */
export function VerificationPanel({ verdict, tokenIssuer }: { verdict: Verdict | undefined; tokenIssuer: string | undefined }) {
  const keyText = useVerificationKey();
  const encoding = useSecretEncoding();
  const { verificationKeyChanged, secretEncodingChanged } = useDebuggerActions();
  const [jwksUrl, setJwksUrl] = useState('');
  const [issuer, setIssuer] = useState('');
  const jwks = useFetchJwks();
  const discovery = useFetchDiscoveryJwks();
  const ids = useId();
  const fetched = (keys: unknown[]) => verificationKeyChanged(JSON.stringify({ keys }, null, 2));
  // Only the latest fetch speaks: starting one clears the other's answer or error.
  const latest = jwks.isIdle ? discovery : jwks;
  const fetchJwksUrl = () => {
    discovery.reset();
    jwks.mutate(jwksUrl, { onSuccess: (r) => fetched(r.jwks.keys) });
  };
  const fetchDiscovery = () => {
    jwks.reset();
    discovery.mutate(issuer, { onSuccess: (r) => fetched(r.jwks.keys) });
  };
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Verify</h2>
      <div className="field">
        <label htmlFor={`${ids}-key`}>Verification key</label>
        <textarea
          id={`${ids}-key`}
          aria-describedby={`${ids}-key-hint`}
          className="mono key-text"
          value={keyText}
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder="HMAC secret, -----BEGIN PUBLIC KEY-----, -----BEGIN CERTIFICATE-----, {&quot;kty&quot;:…} or {&quot;keys&quot;:[…]}"
          onChange={(event) => verificationKeyChanged(event.target.value)}
        />
        <span className="field-hint" id={`${ids}-key-hint`}>{describeDetected(keyText)} Never stored, never sent.</span>
      </div>
      <div className="field inline-field">
        <label htmlFor={`${ids}-enc`}>Secret encoding</label>
        <select id={`${ids}-enc`} aria-describedby={`${ids}-enc-hint`} value={encoding} onChange={(event) => secretEncodingChanged(event.target.value as SecretEncoding)}>
          {(Object.keys(SECRET_ENCODING_LABELS) as SecretEncoding[]).map((value) => (
            <option key={value} value={value}>
              {SECRET_ENCODING_LABELS[value]}
            </option>
          ))}
        </select>
        <span className="field-hint" id={`${ids}-enc-hint`}>For HMAC secrets. Auth0&apos;s legacy global client secret is base64.</span>
      </div>
      {verdict?.keyUsed && (
        <p className="muted key-used">
          Verified with {verdict.keyUsed.description}
          {verdict.keyUsed.kid !== undefined && <> (kid “{verdict.keyUsed.kid}”)</>}
          {verdict.keyUsed.position !== undefined && <>, key {verdict.keyUsed.position} of the JWKS</>}. Thumbprint <code>{verdict.keyUsed.thumbprint}</code>
        </p>
      )}
      <details className="jwks-fetch">
        <summary>Fetch a JWKS (explicit, never automatic)</summary>
        <p className="muted">
          Keys named by the token itself (jku, x5u, jwk, x5c) are never used. Fetch only from an issuer you trust
          {tokenIssuer ? <>; the token claims to come from <code>{tokenIssuer}</code></> : null}. The companion server fetches
          it: https on a public host, or a configured issuer or an origin listed in <code>WORKBENCH_METADATA_ALLOW</code>.
        </p>
        <div className="fetch-row">
          <label className="field">
            <span>JWKS URL</span>
            <input type="url" value={jwksUrl} onChange={(event) => setJwksUrl(event.target.value)} placeholder="https://tenant.example.com/.well-known/jwks.json" />
          </label>
          <button type="button" disabled={jwksUrl.trim() === '' || jwks.isPending} onClick={fetchJwksUrl}>
            Fetch JWKS
          </button>
        </div>
        <div className="fetch-row">
          <label className="field">
            <span>Trusted issuer</span>
            <input type="url" value={issuer} onChange={(event) => setIssuer(event.target.value)} placeholder="https://tenant.example.com/" />
          </label>
          <button type="button" disabled={issuer.trim() === '' || discovery.isPending} onClick={fetchDiscovery}>
            Fetch from discovery
          </button>
        </div>
        {latest.data && (
          <p role="status" className="muted">
            Fetched {keyCount(latest.data.jwks.keys.length)} into “Verification key” from <code>{latest.data.fetchedFrom.jwks}</code>
            {latest.data.discovery ? <>, named by the discovery document of <code>{latest.data.discovery.issuer}</code></> : null}.
          </p>
        )}
        {latest.error && (
          <p role="alert" className="error-detail">
            Could not fetch: {fetchProblem(latest.error, latest.variables)}
          </p>
        )}
      </details>
    </section>
  );
}
