import { useMutation } from '@tanstack/react-query';
import { postJson } from '../../api/companion-client';
import type { ApiDefinition, ApiOperation } from '../../lib/catalog/api-model';
import type { UnverifiedTokenFacts } from '../../lib/catalog/token-facts';
import { callResponseSchema } from '../../shared/call-contract';
import type { CallRequest, CallResponse } from '../../shared/call-contract';
import type { EndpointDraft, OwnApiDraft } from './explorer-store';

/** What the explorer knew when it sent a call: enough to explain the answer, never the token itself. */
export interface SentCall {
  request: CallRequest;
  /** The API model the answer is explained against. */
  api: ApiDefinition;
  /** What the form held, so that a retry or the history can restore it. */
  draft: EndpointDraft | OwnApiDraft;
  /** The operation called, when the explorer knows it. */
  operation: ApiOperation | null;
  /** The unverified facts of the token sent, or of the scopes minted. */
  facts: UnverifiedTokenFacts | null;
  /** "a pasted token", "a token minted by demo with read:users". */
  authorizedWith: string;
}

export interface CallOutcome {
  sent: Omit<SentCall, 'request'> & { request: Omit<CallRequest, 'token'> };
  response: CallResponse;
}

/** POST /api/call: the companion server calls the API, so no third party sees the token and no CORS gets in the way. */
export function callApi(request: CallRequest): Promise<CallResponse> {
  return postJson('/api/call', request, callResponseSchema);
}

/** Spends a credential (and may mint one), so it is a mutation; the token never becomes a key. */
export function useApiCall() {
  return useMutation({
    mutationKey: ['explorer', 'call'],
    mutationFn: async ({ request, ...context }: SentCall): Promise<CallOutcome> => {
      const response = await callApi(request);
      const { token: _token, ...withoutToken } = request;
      return { sent: { ...context, request: withoutToken }, response };
    },
  });
}
