import { Suspense, useDeferredValue, useEffect, useId, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { tokenFromFragment } from '../../lib/jwt/share';
import { useEditorHandoff, useReissueHandoffActions } from '../../state/reissue-handoff';
import { useDebuggerActions, useSecretEncoding, useVerificationKey } from './debugger-store';
import { ExamplesMenu } from './examples-menu';
import { ClaimsPanel, FindingsPanel, JwePanel, SharePanel, SigningPanel, ValidationPanel, VerificationPanel } from './lazy-panels';
import { SignatureStatus, TokenTypeStatus, ValidityStatus } from './statuses';
import { TokenEditors } from './token-editors';
import { TokenInput } from './token-input';
import { useDecodedToken } from './use-decoded-token';
import { useVerdict } from './use-verdict';
import { useLessonObservation } from '../../state/lesson-observations';
import './debugger.css';

/** Reads #token=, #access_token= or #id_token= once, then drops the fragment so the token does not linger in history. */
function useFragmentToken() {
  const { hash, pathname } = useLocation();
  const navigate = useNavigate();
  const { tokenPasted } = useDebuggerActions();
  useEffect(() => {
    const found = tokenFromFragment(hash);
    if (!found) return;
    tokenPasted(found.token);
    void navigate(pathname, { replace: true });
  }, [hash, pathname, navigate, tokenPasted]);
}

/** Takes a token another tool handed over in memory ("Open in token editor"), once. */
function useHandedToken() {
  const handed = useEditorHandoff();
  const { editorHandoffTaken } = useReissueHandoffActions();
  const { tokenPasted } = useDebuggerActions();
  useEffect(() => {
    if (!handed) return;
    tokenPasted(handed);
    editorHandoffTaken();
  }, [handed, tokenPasted, editorHandoffTaken]);
}

/** Only the issuer can read an opaque token: hand it to /introspect in memory (never the URL, never storage). */
function IntrospectThisToken({ token }: { token: string }) {
  const navigate = useNavigate();
  const { introspectionRequested } = useReissueHandoffActions();
  const hintId = useId();
  return (
    <p className="introspect-this">
      <button
        type="button"
        aria-describedby={hintId}
        onClick={() => {
          introspectionRequested(token);
          void navigate('/introspect');
        }}
      >
        Introspect this token
      </button>{' '}
      <span className="field-hint" id={hintId}>Asks its issuer whether it is active, through the companion server.</span>
    </p>
  );
}

function PanelLoading() {
  return <p className="muted">Loading…</p>;
}

export function Component() {
  useFragmentToken();
  useHandedToken();
  const { cleaned, decoded, classification } = useDecodedToken();
  const keyText = useVerificationKey();
  const encoding = useSecretEncoding();
  const verdict = useVerdict(decoded, keyText, encoding);
  useLessonObservation(verdict && decoded.kind === 'jws' ? { kind: 'signature-checked', alg: String(decoded.header.alg), verified: verdict.kind === 'verified', secretEncoding: encoding } : null);
  // Below the fold: rendered from a deferred copy, so the token box, statuses and editors update first on each keystroke.
  const current = useMemo(() => ({ cleaned, decoded, verdict, classification }), [cleaned, decoded, verdict, classification]);
  const later = useDeferredValue(current);
  const claims = later.decoded.kind === 'jws' || later.decoded.kind === 'malformed' ? later.decoded.claims : undefined;
  const issuer = typeof claims?.iss === 'string' ? claims.iss : undefined;
  return (
    <section className="debugger">
      <title>Token editor · Token Workbench</title>
      <h1>Token editor</h1>
      <p className="muted lede">Decode, edit, sign and verify JWS/JWT, and decrypt JWE. Everything runs in this page: no token or key is sent anywhere.</p>
      {/* One screen, as on jwt.io: the token, its decoded parts and the verdict side by side; every other tool below, in its own section. */}
      <div className="debugger-top">
        <div className="panel top-encoded">
          <ExamplesMenu />
          <TokenInput malformed={decoded.kind === 'malformed' && cleaned.fixes.length === 0 ? decoded : undefined} />
        </div>
        <div className="panel top-verdict">
          <div className="statuses">
            <SignatureStatus verdict={verdict} empty={decoded.kind === 'empty'} />
            <ValidityStatus decoded={decoded} />
            <TokenTypeStatus classification={classification} />
          </div>
          {decoded.kind === 'opaque' && <IntrospectThisToken token={cleaned.token} />}
        </div>
        <div className="panel top-decoded">
          {decoded.kind === 'jwe' ? (
            <Suspense fallback={<PanelLoading />}>
              <JwePanel token={decoded} />
            </Suspense>
          ) : (
            <TokenEditors decoded={decoded} />
          )}
        </div>
        <div className="top-verify">
          <Suspense fallback={<PanelLoading />}>
            <VerificationPanel verdict={verdict} tokenIssuer={issuer} />
          </Suspense>
        </div>
      </div>
      <Suspense fallback={<PanelLoading />}>
        <div className="grid-2">
          <SigningPanel />
          <FindingsPanel cleaned={later.cleaned} decoded={later.decoded} verdict={later.verdict} classification={later.classification} />
        </div>
        <ClaimsPanel claims={claims} header={later.decoded.kind === 'jws' || later.decoded.kind === 'malformed' ? later.decoded.header : undefined} />
        <ValidationPanel decoded={later.decoded} verdict={later.verdict} classification={later.classification} />
        <SharePanel decoded={later.decoded} cleanedToken={later.cleaned.token} />
      </Suspense>
    </section>
  );
}
