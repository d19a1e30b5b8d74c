import { describe, expect, it } from 'vitest';
import { renderLoginPage } from './login-page';

describe('demo login page', () => {
  it('lists every demo user as a sign-in button and escapes request values', () => {
    const html = renderLoginPage({ uid: 'u1', clientId: 'demo-spa', scope: '<script>alert(1)</script>', audience: '"><img src=x onerror=alert(1)>' });
    expect(html).toContain('aria-label="Sign in as alice"');
    expect(html).toContain('aria-label="Sign in as bob"');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });
});
