import { escapeHtml, renderTenantPage } from './tenant-page';
import type { TenantStore } from './tenant-store';

export interface LoginPageInput {
  uid: string;
  clientId: string;
  scope: string;
  audience: string | undefined;
  users: readonly LoginPageUser[];
}

export interface LoginPageUser {
  /** What the form posts: the user's id. */
  userId: string;
  nickname: string;
  name: string;
  email: string;
  /** The user's roles, as "name: description". */
  role: string;
}

/** The tenant's users as the login page lists them. */
export function loginPageUsers(tenant: TenantStore): LoginPageUser[] {
  return tenant.users.list().map((u) => ({
    userId: u.user_id,
    nickname: u.nickname,
    name: u.name,
    email: u.email,
    role:
      u.roles
        .flatMap((id) => tenant.roles.get(id) ?? [])
        .map((r) => `${r.name}: ${r.description}`)
        .join('; ') || 'no role',
  }));
}

const styles = `
form{margin:.5rem 0}button{width:100%;padding:.7rem 1rem;font:inherit;border-radius:8px;border:1px solid var(--border);background:var(--surface);color:var(--fg);cursor:pointer;text-align:left}
button:hover{border-color:var(--accent)}
button.primary strong{display:block}.who{font-weight:600}button.cancel{text-align:center;color:var(--danger);margin-top:1rem}
dl{color:var(--muted);margin:0 0 1rem}dd{word-break:break-all}
`;

/** The demo tenant's login page: lists the demo users. No script; every value is escaped. */
export function renderLoginPage(input: LoginPageInput): { html: string; csp: string } {
  const users = input.users
    .map(
      (u) => `<form method="post" action="/interaction/${escapeHtml(input.uid)}/login">
  <input type="hidden" name="user" value="${escapeHtml(u.userId)}">
  <button class="primary" type="submit"><strong>Sign in as ${escapeHtml(u.nickname)}</strong> <span class="who">${escapeHtml(u.name)}</span> ${escapeHtml(u.email)} · ${escapeHtml(u.role)}</button>
</form>`,
    )
    .join('\n');
  return renderTenantPage({
    title: 'Demo tenant',
    tabTitle: 'Demo tenant: log in',
    body: `<p class="muted">Token Workbench's embedded authorization server. Pick a demo user; no password is needed.</p>
<dl><dt>Application</dt><dd>${escapeHtml(input.clientId)}</dd><dt>Scope</dt><dd>${escapeHtml(input.scope || '(none)')}</dd><dt>Audience</dt><dd>${escapeHtml(input.audience ?? '(none: the access token will be opaque)')}</dd></dl>
${users}
<form method="post" action="/interaction/${escapeHtml(input.uid)}/abort"><button class="cancel" type="submit">Cancel (answers access_denied)</button></form>`,
    styles,
  });
}
