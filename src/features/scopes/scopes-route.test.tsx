import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { Component as ScopesRoute } from './scopes-route';
import { SCOPES_STORAGE_KEY, pickPersistedScopes, repairPersistedScopes, scopesStatePersistence } from './scopes-store';

const renderAt = (url: string) =>
  renderRoute(
    <>
      <ScopesRoute />
      <Link to="/scopes?kind=user&endpoints=DELETE%20/api/v2/device-credentials/{id}">Shared link</Link>
    </>,
    { url, path: '/scopes' },
  );

/** The catalog is a lazy chunk; on a loaded machine it can take a few seconds. */
const findSearchbox = () => screen.findByRole('searchbox', { name: 'Search endpoints' }, { timeout: 10_000 });
const requiredScopes = () => screen.getByRole('region', { name: 'Required scopes' });
const scopeString = () => within(requiredScopes()).getByRole('status', { name: 'Scope string' });

// Whole-route tests on a shared 2-core machine: generous per-test time, no timing assertions.
describe('/scopes', { timeout: 30_000 }, () => {
  beforeEach(() => localStorage.clear());

  it('search, pick GET and PATCH /api/v2/users/{id}, and switch token kinds', async () => {
    const user = userEvent.setup();
    const { location } = renderAt('/scopes');
    const search = await findSearchbox();
    await user.clear(search);
    await user.type(search, 'users/{{id}');
    await user.click(await screen.findByRole('checkbox', { name: 'GET /api/v2/users/{id}' }));
    await user.click(screen.getByRole('checkbox', { name: 'PATCH /api/v2/users/{id}' }));
    // By default the scope that takes any body: update:users_app_metadata would refuse an email change.
    expect(scopeString()).toHaveTextContent(/^read:users update:users$/);
    const intent = within(requiredScopes()).getByRole('group', { name: 'What must PATCH /api/v2/users/{id} be able to change?' });
    expect(within(intent).getByRole('radio', { name: 'Any field' })).toBeChecked();
    await user.click(within(intent).getByRole('radio', { name: 'app_metadata only' }));
    expect(scopeString()).toHaveTextContent('read:users update:users_app_metadata');
    expect(within(requiredScopes()).getByRole('list', { name: 'What these scopes allow' })).toHaveTextContent(
      'PATCH /api/v2/users/{id}: update:users_app_metadata may change only app_metadata, of any user: a body with any other field gets a 403.',
    );

    const accepted = screen.getByRole('list', { name: 'Accepted scopes' });
    expect(within(accepted).getByText('update:users')).toBeInTheDocument();
    expect(within(accepted).getByText('update:current_user_metadata')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'User (SPA / login)' }));
    expect(scopeString()).toHaveTextContent('read:current_user update:current_user_metadata');
    // The update:users trap, spelled out.
    const notes = within(requiredScopes()).getByRole('list', { name: 'User-token notes' });
    expect(notes).toHaveTextContent('PATCH /api/v2/users/{id}: update:users, update:users_app_metadata are silently dropped');
    expect(notes).toHaveTextContent('update:current_user_metadata is the user-token alternative');
    // Endpoints no user token can call are marked in the list.
    expect(screen.getByRole('checkbox', { name: 'DELETE /api/v2/users/{id}' })).toHaveAccessibleDescription(/not with a user token/);
    expect(screen.getByRole('checkbox', { name: 'GET /api/v2/users/{id}' })).not.toHaveAccessibleDescription(/not with a user token/);
    // Whose record, too: the current_user scope acts on the token's own user.
    expect(within(requiredScopes()).getByRole('list', { name: 'What these scopes allow' })).toHaveTextContent('of your own user only');
    expect(within(requiredScopes()).queryByRole('group', { name: /What must/ })).toBeNull();
    // The stated intent stays in the link: switching back to a machine token keeps it.
    expect(location().search).toBe('?kind=user&endpoints=GET%20/api/v2/users/{id},PATCH%20/api/v2/users/{id}&intent=PATCH%20/api/v2/users/{id}~app_metadata');
  });

  it('restores a selection from a deep link and marks what a user token cannot call', async () => {
    renderAt('/scopes?kind=user&endpoints=GET%20/api/v2/users/{id},GET%20/api/v2/clients');
    await findSearchbox();
    await waitFor(() => expect(scopeString()).toHaveTextContent('read:current_user'));
    expect(screen.getByRole('radio', { name: 'User (SPA / login)' })).toBeChecked();
    expect(within(requiredScopes()).getByRole('alert')).toHaveTextContent('GET /api/v2/clients');
    expect(within(requiredScopes()).getByRole('alert')).toHaveTextContent('client-credentials');
  });

  it('asks for a broader scope on purpose, and stops asking', async () => {
    const user = userEvent.setup();
    const { location } = renderAt('/scopes?kind=m2m&endpoints=GET%20/api/v2/users/{id}');
    await findSearchbox();
    await waitFor(() => expect(scopeString()).toHaveTextContent('read:users'));
    const accepted = screen.getByRole('list', { name: 'Accepted scopes' });
    expect(within(accepted).getByText('Also returns identities[].access_token: the users’ identity-provider access tokens.')).toBeInTheDocument();
    await user.click(within(accepted).getByRole('button', { name: 'Ask for read:user_idp_tokens' }));
    expect(scopeString()).toHaveTextContent(/^read:user_idp_tokens$/);
    expect(location().search).toBe('?kind=m2m&endpoints=GET%20/api/v2/users/{id}&with=read:user_idp_tokens');
    await user.click(within(requiredScopes()).getByRole('button', { name: 'Stop asking for read:user_idp_tokens' }));
    expect(scopeString()).toHaveTextContent(/^read:users$/);
  });

  it('the endpoint list is one tab stop, with arrow keys inside (APG layout grid)', async () => {
    const user = userEvent.setup();
    renderAt('/scopes');
    const search = await findSearchbox();
    await user.clear(search);
    await user.type(search, 'users/{{id}');
    const grid = screen.getByRole('grid', { name: 'Endpoint list' });
    await user.tab();
    // One tab stop: the first control of the grid, then out of it.
    const first = within(grid).getAllByRole('button')[0];
    expect(first).toHaveFocus();
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    const checkbox = within(grid).getByRole('checkbox', { name: 'GET /api/v2/users/{id}' });
    const rows = within(grid).getAllByRole('row');
    const row = rows.find((r) => r.contains(checkbox));
    checkbox.focus();
    await user.keyboard('{ArrowRight}');
    expect(within(row!).getByRole('link', { name: 'Try it' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowDown}');
    expect(document.activeElement).toHaveAttribute('type', 'checkbox');
    expect(document.activeElement).not.toBe(checkbox);
    await user.keyboard('{ArrowUp}');
    expect(checkbox).toHaveFocus();
    await user.keyboard(' ');
    expect(checkbox).toBeChecked();
    expect([...grid.querySelectorAll('[tabindex="0"]')]).toEqual([checkbox]);
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(first).toHaveFocus();
    await user.keyboard('{Control>}{End}{/Control}');
    expect([...within(grid).getAllByRole('row').at(-1)!.querySelectorAll('input, button, a')].at(-1)).toHaveFocus();
    await user.tab();
    expect(grid.contains(document.activeElement)).toBe(false);
  });

  it('copies the share link and announces it', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    renderAt('/scopes?kind=m2m&endpoints=GET%20/api/v2/users/{id}');
    await findSearchbox();
    const share = screen.getByRole('region', { name: 'Share this selection' });
    await user.click(within(share).getByRole('button', { name: 'Copy share link' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/\/scopes\?kind=m2m&endpoints=GET%20\/api\/v2\/users\/\{id\}$/));
    await waitFor(() => expect(within(share).getByRole('status')).toHaveTextContent('Copied'));
  });

  it('adopts a selection link followed while the picker is open', async () => {
    const user = userEvent.setup();
    renderAt('/scopes?kind=m2m&endpoints=GET%20/api/v2/users/{id}');
    await findSearchbox();
    await waitFor(() => expect(scopeString()).toHaveTextContent('read:users'));
    await user.click(screen.getByRole('link', { name: 'Shared link' }));
    await waitFor(() => expect(scopeString()).toHaveTextContent('delete:current_user_device_credentials'));
    expect(screen.getByRole('radio', { name: 'User (SPA / login)' })).toBeChecked();
  });

  it('shows EA and beta badges and keeps the match count exact while groups are collapsed', async () => {
    const user = userEvent.setup();
    renderAt('/scopes');
    const search = await findSearchbox();
    await user.clear(search);
    expect(screen.getByText(/^476 endpoints match/)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'GET /api/v2/users' })).not.toBeInTheDocument();
    // A broad query: best matches open first, the count stays exact.
    await user.type(search, 'get');
    expect(await screen.findByText(/^2\d\d endpoints match \(some groups are collapsed/)).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'users');
    await waitFor(() => expect(screen.getAllByRole('button', { expanded: true })[0]).toHaveTextContent(/^▾ users/));
    expect(screen.getByRole('checkbox', { name: 'GET /api/v2/users/{id}' })).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'agents');
    expect(await screen.findByText('5 endpoints match')).toBeInTheDocument();
    const row = screen.getByRole('checkbox', { name: 'GET /api/v2/agents' });
    expect(row).toHaveAccessibleDescription(/EA/);
  });

  it('a pasted scope string lists callable endpoints and a verdict', async () => {
    const user = userEvent.setup();
    renderAt('/scopes?kind=m2m&endpoints=PATCH%20/api/v2/users/{id}');
    await findSearchbox();
    const box = screen.getByRole('textbox', { name: 'Access token' });
    await user.click(box);
    await user.paste('read:users');
    const callable = screen.getByRole('list', { name: 'Callable endpoints' });
    expect(within(callable).getByText('GET /api/v2/users/{id}')).toBeInTheDocument();
    expect(within(callable).queryByText('PATCH /api/v2/users/{id}')).not.toBeInTheDocument();
    const verdict = screen.getByRole('region', { name: 'Why 403?' });
    expect(verdict).toHaveTextContent('Fails');
    expect(verdict).toHaveTextContent('update:users_app_metadata');
  });

  it('defines a custom API and picks its scopes; only the definition is persisted, never the token', async () => {
    const user = userEvent.setup();
    const { location } = renderAt('/scopes');
    await user.clear(await findSearchbox());
    await user.click(screen.getByRole('button', { name: 'Use the appointments example' }));
    await user.click(screen.getByRole('button', { name: 'Save API' }));
    await user.click(await screen.findByRole('checkbox', { name: 'POST /appointments' }));
    expect(scopeString()).toHaveTextContent('write:appointments');
    await user.click(screen.getByRole('textbox', { name: 'Access token' }));
    await user.paste('eyJhbGciOiJub25lIn0.eyJzdWIiOiJjYW5hcnktdG9rZW4ifQ.');
    const raw = localStorage.getItem(SCOPES_STORAGE_KEY) ?? '{}';
    const stored = JSON.parse(raw) as { state: unknown; version: number };
    expect(stored.version).toBe(1);
    expect(Object.keys(stored.state as object).sort()).toEqual(['customApis', 'tenantDomain']);
    expect(raw).not.toContain('eyJ');
    expect(location().search).not.toContain('eyJ');
    expect(repairPersistedScopes(stored.state).customApis[0]?.identifier).toBe('https://api.demo.test/');
  });
});

describe('/scopes: OpenAPI import', { timeout: 30_000 }, () => {
  beforeEach(() => localStorage.clear());

  it('imports a YAML document and picks its scopes, all-of by default', async () => {
    const user = userEvent.setup();
    renderAt('/scopes');
    await user.clear(await findSearchbox());
    const doc = [
      'openapi: 3.0.3',
      'info: {title: Billing API}',
      'servers: [{url: "https://billing.example/"}]',
      'paths:',
      '  /invoices:',
      '    post:',
      '      security: [{oauth: [write:invoices, read:invoices]}]',
      'components:',
      '  securitySchemes:',
      '    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: /t, scopes: {read:invoices: Read, write:invoices: Write}}}}',
    ].join('\n');
    await user.click(screen.getByRole('textbox', { name: 'OpenAPI document' }));
    await user.paste(doc);
    await user.click(screen.getByRole('button', { name: 'Import OpenAPI' }));
    expect(await screen.findByText(/Imported Billing API: 1 endpoint, 2 scopes/)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'API' })).toHaveDisplayValue('Billing API');
    await user.click(screen.getByRole('checkbox', { name: 'POST /invoices' }));
    expect(scopeString()).toHaveTextContent('read:invoices write:invoices');
  });

  it('says why a document cannot be imported', async () => {
    const user = userEvent.setup();
    renderAt('/scopes');
    await findSearchbox();
    await user.click(screen.getByRole('textbox', { name: 'OpenAPI document' }));
    await user.paste('{"swagger": "2.0", "paths": {}}');
    await user.click(screen.getByRole('button', { name: 'Import OpenAPI' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only OpenAPI 3.x documents can be imported');
  });
});

describe('repairPersistedScopes', () => {
  it('drops whatever does not fit the current shape', () => {
    expect(repairPersistedScopes({ customApis: [{ id: 'x' }, 'junk'], tenantDomain: 'evil"<script>' })).toEqual({ customApis: [], tenantDomain: '' });
    expect(repairPersistedScopes(null)).toEqual({ customApis: [], tenantDomain: '' });
  });
});

describe('pickPersistedScopes', () => {
  it('stores exactly the keys the persistence table marks persisted: never the token, nor what is kept in memory', () => {
    const state = { customApis: [], tenantDomain: 'tenant.auth0.com', query: 'users', focusedOperationId: 'op', tokenInput: 'eyJ.secret.', tokenCheckedAt: 1, why403OperationId: 'op' };
    const stored = pickPersistedScopes(state);
    const persisted = Object.entries(scopesStatePersistence).filter(([, kind]) => kind === 'persisted').map(([key]) => key);
    expect(Object.keys(stored)).toEqual(persisted);
    expect(stored).toEqual({ customApis: [], tenantDomain: 'tenant.auth0.com' });
    expect(repairPersistedScopes(stored)).toEqual(stored);
  });
});
