import { createHash } from 'node:crypto';

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

// The app's palette (src/app/styles.css), so that the round trip through the demo tenant looks like one product.
const baseStyles = `
:root{color-scheme:light dark;--bg:light-dark(#f6f7f9,#12151b);--surface:light-dark(#fff,#1b1f27);--fg:light-dark(#1b2030,#e4e7ee);--muted:light-dark(#5a6378,#9aa3b5);--border:light-dark(#d4d9e2,#343b49);--accent:light-dark(#3b5bdb,#748ffc);--accent-fg:light-dark(#fff,#0d1020);--danger:light-dark(#b3261e,#ff8787);--danger-bg:light-dark(#fde7e5,#3d1f1f)}
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:var(--bg);color:var(--fg)}
header{display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap;padding:.6rem 1rem;background:var(--surface);border-bottom:1px solid var(--border)}
header .brand{font-weight:700}header .where{color:var(--muted);font-size:.9rem}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:var(--surface);border:1px solid var(--border);border-radius:8px}
@media (max-width:36rem){main{margin:1rem .5rem;padding:1rem}}
h1{font-size:1.3rem;margin:0 0 .25rem}p.muted{color:var(--muted);margin:.25rem 0 1rem;font-size:.9rem}
a{color:var(--accent)}a:focus-visible,button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
a.button{display:inline-block;padding:.5rem 1rem;border-radius:8px;background:var(--accent);color:var(--accent-fg);font-weight:600;text-decoration:none}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.alert p{margin:.25rem 0}.alert{border:1px solid var(--danger);background:var(--danger-bg);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
dl{font-size:.9rem;display:grid;grid-template-columns:auto 1fr;gap:.15rem .75rem;margin:0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
`;

export interface TenantPage {
  /** The page's h1, and its document title unless `tabTitle` is given. */
  title: string;
  tabTitle?: string;
  /** Trusted HTML: every request value in it must already be escaped. */
  body: string;
  /** Styles this page adds to the shared ones. */
  styles?: string;
  /** The way back into the app; omitted when the app's origin is unknown. */
  back?: { href: string; label: string } | undefined;
}

/**
 * One page of the demo tenant, in the app's look, with the CSP it needs: no script, and only its own
 * stylesheet, allowed by hash (a CSP hash is what lets the inline style through without 'unsafe-inline').
 */
export function renderTenantPage(page: TenantPage): { html: string; csp: string } {
  const styles = baseStyles + (page.styles ?? '');
  const styleHash = createHash('sha256').update(styles, 'utf8').digest('base64');
  const back = page.back ? `<p><a class="button" href="${escapeHtml(page.back.href)}">${escapeHtml(page.back.label)}</a></p>` : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.tabTitle ?? `${page.title} · Demo tenant`)}</title><style>${styles}</style></head>
<body><header><span class="brand">Token Workbench</span><span class="where">demo tenant (embedded authorization server)</span></header>
<main>
<h1>${escapeHtml(page.title)}</h1>
${page.body}
${back}
</main></body></html>`;
  return {
    html,
    csp: `default-src 'none'; style-src 'sha256-${styleHash}'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'`,
  };
}

/** The way back to the Authorize-URL builder, where every login starts. */
export function builderLink(appOrigin: string | undefined): TenantPage['back'] {
  return appOrigin ? { href: `${appOrigin}/authorize`, label: 'Back to the Authorize-URL builder' } : undefined;
}

/** The demo tenant's HTML headers for a rendered page. */
export function tenantPageHeaders(csp: string): Record<string, string> {
  return { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store' };
}

/** What to do about the errors a user can cause from the builder; the rest get the server's own description. */
const ERROR_ADVICE: Readonly<Record<string, string>> = {
  invalid_client: 'The demo tenant does not know this client ID. In the Authorize-URL builder, pick a profile (demo-spa, for example) or type the client ID of one of its applications.',
  invalid_redirect_uri: 'The redirect URI is not one the application registered, so the tenant cannot send the answer back: it stops here, as every authorization server must.',
  invalid_request: 'The request is malformed, and the tenant cannot safely send the error back to the application.',
};

/**
 * The tenant's error page: shown when oidc-provider cannot redirect the error back (an unknown client, a bad redirect
 * URI, an expired login). It names the error, says what to do, and links back to the app.
 */
export function renderErrorPage(out: Readonly<Record<string, unknown>>, appOrigin: string | undefined): { html: string; csp: string } {
  const error = typeof out.error === 'string' ? out.error : 'server_error';
  const description = typeof out.error_description === 'string' ? out.error_description : undefined;
  const rows = Object.entries(out)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd><code>${escapeHtml(String(value))}</code></dd>`)
    .join('');
  const advice = ERROR_ADVICE[error] ?? 'The authorization server cannot send this error back to the application, so it shows it here.';
  return renderTenantPage({
    title: 'The authorization request was refused',
    body: `<div class="alert"><p><strong>${escapeHtml(description ?? error)}</strong></p><p>${escapeHtml(advice)}</p></div>
<dl>${rows}</dl>`,
    back: builderLink(appOrigin),
  });
}

const buttonStyles = `
.choices{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
button{font:inherit;padding:.5rem 1rem;border-radius:8px;border:1px solid var(--border);background:var(--surface);color:var(--fg);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--accent-fg);font-weight:600}
`;

/** RP-initiated logout's confirmation (OIDC RP-Initiated Logout §2); `form` is oidc-provider's own hidden form, with its xsrf field. */
export function renderLogoutPage(form: string, appOrigin: string | undefined): { html: string; csp: string } {
  return renderTenantPage({
    title: 'Sign out of the demo tenant?',
    body: `<p class="muted">An application asked to end your session at the demo tenant. Its tokens stay valid until they expire or are revoked.</p>
${form}
<div class="choices"><button class="primary" type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></div>`,
    styles: buttonStyles,
    back: builderLink(appOrigin),
  });
}

/** Shown after logout when the application gave no post_logout_redirect_uri. */
export function renderLoggedOutPage(clientId: string | undefined, appOrigin: string | undefined): { html: string; csp: string } {
  return renderTenantPage({
    title: 'Signed out',
    body: `<p>Your session at the demo tenant has ended${clientId ? ` (asked by <code>${escapeHtml(clientId)}</code>)` : ''}.</p>`,
    back: builderLink(appOrigin),
  });
}

/** A login page that cannot go on (expired, or from another login): a styled page instead of plain text. */
export function renderLoginExpiredPage(message: string, appOrigin: string | undefined): { html: string; csp: string } {
  return renderTenantPage({ title: 'This login cannot go on', body: `<div class="alert"><p>${escapeHtml(message)}</p></div>`, back: builderLink(appOrigin) });
}
