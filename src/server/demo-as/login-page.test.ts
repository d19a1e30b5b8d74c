import { describe, expect, it } from 'vitest';
import { loginPageUsers, renderLoginPage } from './login-page';
import { testTenant } from './test-tenant';

describe('demo login page', () => {
  it('lists every demo user as a sign-in button and escapes request values', () => {
    const html = renderLoginPage({ uid: 'u1', clientId: 'demo-spa', scope: '<script>alert(1)</script>', audience: '"><img src=x onerror=alert(1)>', users: loginPageUsers(testTenant()) });
    expect(html).toContain('aria-label="Sign in as alice"');
    expect(html).toContain('aria-label="Sign in as bob"');
    expect(html).toContain('Alice Admin</strong> alice@demo.test · Clinic admin: reads and writes appointments');
    expect(html).toContain('Bob Reader</strong> bob@demo.test · Receptionist: reads appointments only');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });
});
