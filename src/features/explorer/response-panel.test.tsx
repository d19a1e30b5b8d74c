import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { managementApiFromCatalog } from '../../lib/catalog/api-model';
import { loadManagementCatalog } from '../../lib/catalog/load-catalog';
import { readTokenFacts } from '../../lib/catalog/token-facts';
import { CompanionError } from '../../api/companion-client';
import type { CallOutcome } from './call-mutation';
import { ResponsePanel } from './response-panel';

const issuer = 'http://127.0.0.1:4001/';
const api = managementApiFromCatalog(await loadManagementCatalog());
const usersList = api.operations.find((op) => op.id === 'GET /api/v2/users') ?? null;

function outcome(status: number, body: unknown, token: string | null, headers: Record<string, string> = {}): CallOutcome {
  return {
    sent: {
      request: { profile: 'demo', method: 'GET', path: '/api/v2/users' },
      api,
      operation: usersList,
      facts: token === null ? null : readTokenFacts(token),
      authorizedWith: 'a pasted token',
      draft: { pathParams: {}, query: {}, bodyText: '' },
    },
    response: { status, headers, body, meta: { elapsedMs: 5, url: `${issuer}api/v2/users` } },
  };
}

const why = () => within(screen.getByRole('region', { name: 'Response' })).getByRole('region', { name: 'Why' });
const show = (o: CallOutcome, onMintRetry?: (scope: string) => void) => render(<ResponsePanel outcome={o} api={api} error={null} pending={false} onMintRetry={onMintRetry} />);

describe('the response explanation', () => {
  it('explains the 400 of an opaque token: issued without an audience', () => {
    show(outcome(400, { statusCode: 400, error: 'Bad Request', message: 'Bad HTTP authentication header format', errorCode: 'Bearer' }, 'abcdefghijklmnopqrstuvwxyz012345'));
    expect(why()).toHaveAttribute('data-code', 'OPAQUE_TOKEN');
    expect(why()).toHaveTextContent(/opaque access token/);
    expect(why()).toHaveTextContent(/audience/);
  });

  it('explains the 401 of an ID token', () => {
    show(outcome(401, { statusCode: 401, error: 'Unauthorized', message: 'Bad audience: demo-spa' }, null));
    expect(why()).toHaveAttribute('data-code', 'ID_TOKEN');
    expect(why()).toHaveTextContent(/ID token/);
  });

  it('says a 501 not_emulated is the demo tenant’s limit, and a 429 when to retry', () => {
    const { unmount } = show(outcome(501, { statusCode: 501, error: 'Not Implemented', message: 'The demo tenant does not emulate GET /api/v2/users', errorCode: 'not_emulated' }, null));
    expect(why()).toHaveTextContent(/demo tenant/);
    unmount();
    const reset = String(Math.floor(Date.now() / 1000) + 20);
    show(outcome(429, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' }, null, { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }));
    expect(why()).toHaveAttribute('data-code', 'RATE_LIMITED');
    expect(screen.getByText(/^Rate limit: 0 of 10 left, resets in/)).toBeInTheDocument();
  });

  it('offers the one-click mint only when a profile can mint', async () => {
    const forbidden = outcome(403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:users,read:current_user,read:user_idp_tokens', errorCode: 'insufficient_scope' }, null);
    const { unmount } = show(forbidden);
    expect(within(why()).queryByRole('button')).toBeNull();
    unmount();
    const retry = vi.fn();
    show(forbidden, retry);
    await userEvent.click(within(why()).getByRole('button', { name: 'Mint a token with these scopes and retry' }));
    expect(retry).toHaveBeenCalledWith('read:users');
  });

  it('says plainly when the companion server did not make the call', () => {
    render(<ResponsePanel outcome={undefined} api={null} error={new CompanionError('path_not_allowed', 'The path leaves the API base.', 400)} pending={false} onMintRetry={undefined} />);
    expect(screen.getByRole('alert')).toHaveTextContent('path_not_allowed');
  });
});
