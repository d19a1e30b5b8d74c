import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderErrorPage, renderLogoutPage, renderTenantPage } from './tenant-page';

const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';

describe('demo tenant pages', () => {
  it('allow exactly their own stylesheet by hash, and nothing else', () => {
    const { html, csp } = renderTenantPage({ title: 'T', body: '<p>x</p>', styles: 'p{color:red}' });
    const hash = createHash('sha256').update(styleOf(html), 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toContain('<script');
  });

  it('name the error, escape every value, and link back to the builder', () => {
    const { html } = renderErrorPage({ error: 'invalid_client', error_description: '<img src=x onerror=alert(1)>', state: '"><b>' }, 'http://127.0.0.1:4000');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('does not know this client ID');
    expect(html).toContain('href="http://127.0.0.1:4000/authorize"');
  });

  it('leave the link out when the app is unknown, and keep oidc-provider’s logout form', () => {
    expect(renderErrorPage({ error: 'server_error' }, undefined).html).not.toContain('<a ');
    const { html } = renderLogoutPage('<form id="op.logoutForm" method="post" action="/oidc/logout/confirm"></form>', undefined);
    expect(html).toContain('form="op.logoutForm"');
    expect(html).toContain('Yes, sign me out');
  });
});
