import { describe, expect, it } from 'vitest';
import { loginPageUsers, renderLoginPage } from './login-page';
import { testTenant } from './test-tenant';

describe('demo login page', () => {
  it('lists every demo user as a sign-in button and escapes request values', () => {
    const { html } = renderLoginPage({ uid: 'u1', clientId: 'demo-spa', scope: '<script>alert(1)</script>', audience: '"><img src=x onerror=alert(1)>', users: loginPageUsers(testTenant()) });
    // The accessible name is the visible text, which starts with "Sign in as …" (WCAG 2.5.3 label in name).
    expect(html).toContain('<strong>Sign in as alice</strong> <span class="who">Alice Admin</span> alice@demo.test · Clinic admin: reads and writes appointments');
    expect(html).toContain('<strong>Sign in as bob</strong> <span class="who">Bob Reader</span> bob@demo.test · Receptionist: reads appointments only');
    expect(html).not.toContain('aria-label=');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });
});
