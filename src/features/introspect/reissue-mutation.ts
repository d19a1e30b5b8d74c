import { useMutation } from '@tanstack/react-query';
import { requestClientCredentials } from '../../api/client-credentials';
import { requestTokenExchange } from '../../api/token-exchange';
import type { ReissueMethod } from '../../lib/oauth/reissue-diff';

export interface ReissueRequest {
  method: ReissueMethod;
  profile: string;
  subjectToken: string;
  /** The original token's `sub`, sent as `user_id` by the client-credentials route. */
  userId: string;
  audience?: string;
  scope?: string;
}

export interface ReissueAnswer {
  method: ReissueMethod;
  accessToken: string;
}

async function reissue({ method, profile, subjectToken, userId, audience, scope }: ReissueRequest): Promise<ReissueAnswer> {
  const target = { ...(audience ? { audience } : {}), ...(scope ? { scope } : {}) };
  if (method === 'token-exchange') {
    const answer = await requestTokenExchange({ profile, subject_token: subjectToken, ...target });
    return { method, accessToken: answer.access_token };
  }
  const answer = await requestClientCredentials({ profile, ...target, params: { user_id: userId } });
  return { method, accessToken: answer.access_token };
}

/** Creates a credential, so it is a mutation. */
export function useReissue() {
  return useMutation({ mutationKey: ['introspect', 'reissue'], mutationFn: reissue });
}
