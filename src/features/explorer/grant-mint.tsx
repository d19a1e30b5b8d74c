import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { requestClientCredentials } from '../../api/client-credentials';
import { readTokenFacts } from '../../lib/catalog/token-facts';
import type { ProfileSummary } from '../../shared/api-contract';
import { useTabTokenActions } from '../../state/tab-tokens';
import type { CallOutcome } from './call-mutation';
import { canMint } from './credential';

/** Auth0's client grant, as POST /api/v2/client-grants answers it. */
const clientGrantSchema = z.looseObject({ client_id: z.string().min(1), audience: z.string().min(1), scope: z.array(z.string()) });

/** A grant just created: the profile of its client (same tenant), which can mint with it; null when the answer is not one. */
export function createdGrant(outcome: CallOutcome, profiles: readonly ProfileSummary[], issuer: string) {
  const { request } = outcome.sent;
  if (request.method !== 'POST' || request.path !== '/api/v2/client-grants' || outcome.response.status >= 300) return null;
  const grant = clientGrantSchema.safeParse(outcome.response.body);
  if (!grant.success) return null;
  const candidates = profiles.filter((p) => p.client_id === grant.data.client_id && p.issuer === issuer && canMint(p));
  // The profile that made the call first, then a built-in demo one: several profiles may name the same client.
  const profile = candidates.find((p) => p.id === request.profile) ?? candidates.find((p) => p.demo) ?? candidates[0];
  return { grant: grant.data, profile };
}

/** "Mint a token for this grant": the link from a client grant to the token it allows, minted through the companion server. */
export function GrantMint({ grant, profile }: NonNullable<ReturnType<typeof createdGrant>>) {
  const { tokenObtained } = useTabTokenActions();
  const mint = useMutation({
    mutationKey: ['explorer', 'grant-mint'],
    mutationFn: requestClientCredentials,
    onSuccess: (answer) => tokenObtained({ token: answer.access_token, source: 'mint', label: `Minted by ${profile?.id ?? grant.client_id} for ${grant.audience}` }),
  });
  const facts = mint.data ? readTokenFacts(mint.data.access_token) : null;
  return (
    <div className="explorer-grant-mint">
      <h3>The grant, put to use</h3>
      {profile ? (
        <>
          <p>
            {grant.client_id} may now ask for a token for <span className="mono">{grant.audience}</span> with{' '}
            <span className="mono">{grant.scope.join(' ') || '(no scope)'}</span>.
          </p>
          <div className="button-row">
            <button type="button" disabled={mint.isPending} onClick={() => mint.mutate({ profile: profile.id, audience: grant.audience, scope: grant.scope.join(' ') })}>
              Mint a token for this grant
            </button>
          </div>
        </>
      ) : (
        <p className="muted">No profile of this tenant has the credentials of {grant.client_id}: mint with it from your backend.</p>
      )}
      {mint.isError ? (
        <p className="status danger" role="alert">
          Minting failed: {mint.error instanceof Error ? mint.error.message : 'unknown error'}
        </p>
      ) : null}
      {facts ? (
        <p className="status ok" role="status" data-testid="grant-token">
          Minted (unverified claims): aud <span className="mono">{facts.audiences.join(' ')}</span>, scope <span className="mono">{facts.scopes.join(' ') || '(none)'}</span>. It is now a
          token obtained in this tab.
        </p>
      ) : null}
    </div>
  );
}
