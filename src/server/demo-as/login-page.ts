import type { TenantStore } from './tenant-store';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

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
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:28rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0002}
h1{font-size:1.3rem;margin:0 0 .25rem}p.muted{color:#596275;margin:.25rem 0 1rem;font-size:.9rem}
form{margin:.5rem 0}button{width:100%;padding:.7rem 1rem;font:inherit;border-radius:8px;border:1px solid #c5cad3;background:#fff;cursor:pointer;text-align:left}
button:hover,button:focus-visible{border-color:#3b5bdb;outline:2px solid #3b5bdb55}
button.primary strong{display:block}.who{font-weight:600}button.cancel{text-align:center;color:#a61e4d;margin-top:1rem}
dl{font-size:.85rem;color:#596275;display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:0 0 1rem}dd{margin:0;word-break:break-all}
@media (prefers-color-scheme:dark){body{background:#15181e;color:#e6e8ee}main{background:#1f232b}button{background:#262b35;color:inherit;border-color:#3a4150}p.muted,dl{color:#9aa3b5}button.cancel{color:#ffa8a8}}
`;

/** The demo tenant's login page: lists the demo users. No script; every value is escaped. */
export function renderLoginPage(input: LoginPageInput): string {
  const users = input.users
    .map(
      (u) => `<form method="post" action="/interaction/${escapeHtml(input.uid)}/login">
  <input type="hidden" name="user" value="${escapeHtml(u.userId)}">
  <button class="primary" type="submit"><strong>Sign in as ${escapeHtml(u.nickname)}</strong> <span class="who">${escapeHtml(u.name)}</span> ${escapeHtml(u.email)} · ${escapeHtml(u.role)}</button>
</form>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Demo tenant: log in</title><style>${styles}</style></head>
<body><main>
<h1>Demo tenant</h1>
<p class="muted">Token Workbench's embedded authorization server. Pick a demo user; no password is needed.</p>
<dl><dt>Application</dt><dd>${escapeHtml(input.clientId)}</dd><dt>Scope</dt><dd>${escapeHtml(input.scope || '(none)')}</dd><dt>Audience</dt><dd>${escapeHtml(input.audience ?? '(none: the access token will be opaque)')}</dd></dl>
${users}
<form method="post" action="/interaction/${escapeHtml(input.uid)}/abort"><button class="cancel" type="submit">Cancel (answers access_denied)</button></form>
</main></body></html>`;
}
