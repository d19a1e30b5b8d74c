import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, getParam, parseAuthorizeUrl } from './authorize-url';
import { MANAGEMENT_USER_CONTEXT_SCOPES } from './management-api';
import { applyParamPatch, lintAuthorizeRequest, loginGate, looseIdentifier } from './pitfalls';
import type { PitfallContext, PitfallId } from './pitfalls';

const MGMT = 'https://tenant.auth0.com/api/v2/';
const context: PitfallContext = {
  domainInput: 'tenant.auth0.com',
  clientKind: 'public',
  auth0Like: true,
  knownApis: [
    { identifier: MGMT, name: 'Auth0 Management API', source: 'management' },
    { identifier: 'https://api.demo.test/', name: 'Appointments', source: 'profile', scopes: ['read:appointments', 'write:appointments'] },
  ],
  userContextScopes: MANAGEMENT_USER_CONTEXT_SCOPES,
};

/** A request that no rule flags: the baseline each case changes one thing in. */
const CLEAN = 'https://tenant.auth0.com/authorize?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback'
  + '&scope=openid%20profile%20read%3Aappointments&audience=https%3A%2F%2Fapi.demo.test%2F&state=s1&nonce=n1&code_challenge=cc&code_challenge_method=S256';

function lint(query: Record<string, string | undefined>, overrides: Partial<PitfallContext> = {}) {
  let request = parseAuthorizeUrl(CLEAN);
  request = applyParamPatch(request, Object.entries(query).map(([name, value]) => (value === undefined ? { op: 'remove-param', name } : { op: 'set-param', name, value })));
  return lintAuthorizeRequest(request, { ...context, ...overrides });
}
function ids(query: Record<string, string | undefined>, overrides: Partial<PitfallContext> = {}): PitfallId[] {
  return lint(query, overrides).map((pitfall) => pitfall.id);
}
function only(id: PitfallId, query: Record<string, string | undefined>, overrides: Partial<PitfallContext> = {}) {
  const found = lint(query, overrides).filter((pitfall) => pitfall.id === id);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('lintAuthorizeRequest', () => {
  it('finds nothing in a clean request', () => {
    expect(ids({})).toEqual([]);
  });

  describe('client-id-missing', () => {
    it('flags a missing or blank client_id as an error that blocks the login', () => {
      for (const clientId of [undefined, '', '  ']) {
        const pitfall = only('client-id-missing', { client_id: clientId });
        expect(pitfall.severity).toBe('error');
        expect(pitfall.blocksLogin).toBe(true);
      }
    });
  });

  describe('missing-audience', () => {
    it('flags a code flow without audience and offers the known APIs (not the Management API)', () => {
      const pitfall = only('missing-audience', { audience: undefined });
      expect(pitfall.why).toMatch(/opaque/);
      expect(pitfall.fixes.map((fix) => fix.patch)).toEqual([[{ op: 'set-param', name: 'audience', value: 'https://api.demo.test/' }]]);
    });
    it('does not flag an ID-token-only request, a resource indicator, or a generic server with no known API', () => {
      expect(ids({ audience: undefined, response_type: 'id_token', response_mode: 'form_post' })).not.toContain('missing-audience');
      expect(ids({ audience: undefined, resource: 'https://api.demo.test/' })).not.toContain('missing-audience');
      expect(ids({ audience: undefined }, { auth0Like: false, knownApis: [] })).not.toContain('missing-audience');
    });
  });

  describe('audience-mismatch', () => {
    it.each(['https://api.demo.test', 'http://api.demo.test/', 'https://API.demo.test/'])('flags %s and fixes it to the exact identifier', (audience) => {
      const pitfall = only('audience-mismatch', { audience });
      expect(pitfall.fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'audience', value: 'https://api.demo.test/' }]);
    });
    it('flags the Management API without its trailing slash', () => {
      expect(ids({ audience: 'https://tenant.auth0.com/api/v2', scope: 'openid read:current_user' })).toContain('audience-mismatch');
    });
    it('does not flag an exact or an unrelated audience', () => {
      expect(ids({ audience: 'https://api.demo.test/' })).not.toContain('audience-mismatch');
      expect(ids({ audience: 'https://other.example/' })).not.toContain('audience-mismatch');
    });
    it('compares loosely only on slash, scheme and case', () => {
      expect(looseIdentifier('HTTP://A.test//')).toBe(looseIdentifier('https://a.test'));
      expect(looseIdentifier('https://a.test/v2')).not.toBe(looseIdentifier('https://a.test/v1'));
    });
  });

  describe('management-api-user-scopes', () => {
    it('names the user-context alternative for update:users and its fix swaps it in', () => {
      const pitfall = only('management-api-user-scopes', { audience: MGMT, scope: 'openid update:users read:current_user' });
      expect(pitfall.why).toContain('update:current_user_metadata');
      const fixed = applyParamPatch(parseAuthorizeUrl(CLEAN), pitfall.fixes[0]!.patch);
      expect(getParam(fixed, 'scope')).toBe('openid read:current_user update:current_user_metadata');
    });
    it('says to use a backend with client credentials when no alternative exists', () => {
      const pitfall = only('management-api-user-scopes', { audience: MGMT, scope: 'openid read:clients' });
      expect(pitfall.why).toMatch(/backend with client credentials/);
      expect(pitfall.fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'scope', value: 'openid' }]);
    });
    it('does not flag user-context scopes, nor other audiences', () => {
      expect(ids({ audience: MGMT, scope: 'openid read:current_user update:current_user_metadata' })).not.toContain('management-api-user-scopes');
      expect(ids({ scope: 'openid update:users' })).not.toContain('management-api-user-scopes');
    });
  });

  describe('non-standard-scope', () => {
    it('flags roles and user_id and removes them', () => {
      const pitfall = only('non-standard-scope', { scope: 'openid roles user_id read:appointments' });
      expect(pitfall.fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'scope', value: 'openid read:appointments' }]);
    });
    it('does not flag standard or API scopes, nor a word the audience API defines', () => {
      expect(ids({ scope: 'openid profile email offline_access read:appointments' })).not.toContain('non-standard-scope');
      const knownApis = [{ identifier: 'https://api.demo.test/', source: 'profile' as const, scopes: ['roles'] }];
      expect(ids({ scope: 'openid roles' }, { knownApis })).not.toContain('non-standard-scope');
    });
  });

  describe('openid-missing', () => {
    it('flags an ID token request without openid, and the fix adds it first', () => {
      const pitfall = only('openid-missing', { response_type: 'code id_token', scope: 'profile' });
      expect(pitfall.fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'scope', value: 'openid profile' }]);
    });
    it('does not flag a plain OAuth code request or one with openid', () => {
      expect(ids({ scope: 'read:appointments' })).not.toContain('openid-missing');
      expect(ids({ response_type: 'code id_token' })).not.toContain('openid-missing');
    });
  });

  describe('nonce-missing', () => {
    it('flags id_token without nonce and offers to generate one', () => {
      expect(only('nonce-missing', { response_type: 'id_token', nonce: undefined }).fixes[0]?.patch).toEqual([{ op: 'generate', what: 'nonce' }]);
      expect(ids({ response_type: 'code id_token', nonce: '' })).toContain('nonce-missing');
    });
    it('does not flag the code flow without a nonce', () => {
      expect(ids({ nonce: undefined })).not.toContain('nonce-missing');
    });
  });

  describe('implicit-flow', () => {
    it.each(['token', 'id_token token', 'token id_token'])('flags %s and switches to code + PKCE', (responseType) => {
      const pitfall = only('implicit-flow', { response_type: responseType, response_mode: 'fragment' });
      expect(pitfall.fixes[0]?.patch).toEqual([
        { op: 'set-param', name: 'response_type', value: 'code' }, { op: 'generate', what: 'pkce' }, { op: 'remove-param', name: 'response_mode' },
      ]);
    });
    it('does not flag code, id_token alone, or hybrid', () => {
      for (const responseType of ['code', 'id_token', 'code id_token token']) expect(ids({ response_type: responseType })).not.toContain('implicit-flow');
    });
  });

  describe('pkce-missing', () => {
    it('flags a public client without PKCE, or with the plain method', () => {
      expect(only('pkce-missing', { code_challenge: undefined, code_challenge_method: undefined }).fixes[0]?.patch).toEqual([{ op: 'generate', what: 'pkce' }]);
      expect(ids({ code_challenge_method: 'plain' })).toContain('pkce-missing');
    });
    it('does not flag confidential clients or non-code flows', () => {
      expect(ids({ code_challenge: undefined, code_challenge_method: undefined }, { clientKind: 'confidential' })).not.toContain('pkce-missing');
      expect(ids({ code_challenge: undefined, code_challenge_method: undefined, response_type: 'id_token', response_mode: 'form_post' })).not.toContain('pkce-missing');
    });
  });

  describe('state-missing', () => {
    it('flags a missing or empty state', () => {
      expect(only('state-missing', { state: undefined }).fixes[0]?.patch).toEqual([{ op: 'generate', what: 'state' }]);
      expect(ids({ state: '' })).toContain('state-missing');
    });
    it('does not flag a present state', () => {
      expect(ids({ state: 'x' })).not.toContain('state-missing');
    });
  });

  describe('offline-access', () => {
    it('explains API settings and, for SPAs, refresh-token rotation', () => {
      expect(only('offline-access', { scope: 'openid offline_access' }).why).toMatch(/rotation/);
      expect(only('offline-access', { scope: 'openid offline_access' }, { clientKind: 'confidential' }).why).not.toMatch(/rotation/);
    });
    it('does not flag requests without offline_access', () => {
      expect(ids({})).not.toContain('offline-access');
    });
  });

  describe('response-mode-mismatch', () => {
    it('flags tokens in the query, unknown modes, and modes discovery does not list', () => {
      expect(only('response-mode-mismatch', { response_type: 'code id_token', response_mode: 'query' }).fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'response_mode', value: 'fragment' }]);
      expect(ids({ response_mode: 'post' })).toContain('response-mode-mismatch');
      expect(ids({ response_mode: 'form_post' }, { responseModesSupported: ['query', 'fragment'] })).toContain('response-mode-mismatch');
    });
    it('does not flag matching modes', () => {
      expect(ids({ response_mode: 'query' })).not.toContain('response-mode-mismatch');
      expect(ids({ response_mode: 'form_post', response_type: 'id_token' })).not.toContain('response-mode-mismatch');
      expect(ids({ response_mode: 'fragment' }, { responseModesSupported: ['query', 'fragment'] })).not.toContain('response-mode-mismatch');
    });
  });

  describe('redirect-uri-insecure', () => {
    it('flags http on a real host and fixes it to https', () => {
      const pitfall = only('redirect-uri-insecure', { redirect_uri: 'http://app.example.com/callback' });
      expect(pitfall.severity).toBe('error');
      expect(pitfall.fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'redirect_uri', value: 'https://app.example.com/callback' }]);
    });
    it('warns that localhost always gets the consent prompt at Auth0', () => {
      expect(only('redirect-uri-insecure', { redirect_uri: 'http://localhost:3000/callback' }).why).toMatch(/consent/);
      expect(ids({ redirect_uri: 'http://127.0.0.1:3000/callback' })).toContain('redirect-uri-insecure');
    });
    it('does not flag https, localhost at a non-Auth0 server, or native app schemes', () => {
      expect(ids({ redirect_uri: 'https://app.example.com/cb' })).not.toContain('redirect-uri-insecure');
      expect(ids({ redirect_uri: 'http://localhost:3000/cb' }, { auth0Like: false })).not.toContain('redirect-uri-insecure');
      expect(ids({ redirect_uri: 'com.example.app:/callback' })).not.toContain('redirect-uri-insecure');
    });
  });

  describe('domain-format', () => {
    it('flags a domain with a path and offers the fixed domain', () => {
      const pitfall = only('domain-format', {}, { domainInput: 'https://tenant.auth0.com/authorize' });
      expect(pitfall.fixes[0]?.patch).toEqual([{ op: 'set-domain', value: 'https://tenant.auth0.com/' }]);
    });
    it('does not flag a bare domain or a proper issuer', () => {
      expect(ids({}, { domainInput: 'tenant.auth0.com' })).not.toContain('domain-format');
      expect(ids({}, { domainInput: 'https://tenant.auth0.com/' })).not.toContain('domain-format');
    });
  });

  describe('repeated-parameter', () => {
    it('flags repeats and keeps the first', () => {
      const request = parseAuthorizeUrl(`${CLEAN}&state=s2`);
      const pitfall = lintAuthorizeRequest(request, context).find((candidate) => candidate.id === 'repeated-parameter');
      expect(pitfall?.title).toContain('state');
      expect(buildAuthorizeUrl(applyParamPatch(request, pitfall!.fixes[0]!.patch))).toBe(CLEAN);
    });
    it('does not flag distinct names, even ones that differ only in case', () => {
      expect(lintAuthorizeRequest(parseAuthorizeUrl(`${CLEAN}&State=x`), context).map((pitfall) => pitfall.id)).not.toContain('repeated-parameter');
    });
  });
});

describe('loginGate', () => {
  const gateIds = (query: Record<string, string | undefined>) => {
    const gate = loginGate(lint(query));
    return { unsendable: gate.unsendable.map((p) => p.id), overridable: gate.overridable.map((p) => p.id) };
  };

  it('lets a clean request through', () => {
    expect(gateIds({})).toEqual({ unsendable: [], overridable: [] });
  });

  it('holds back every error-level pitfall, and never lets a request without a client id be overridden', () => {
    const gate = gateIds({ client_id: undefined, audience: MGMT, scope: 'openid update:users' });
    expect(gate.unsendable).toEqual(['client-id-missing']);
    expect(gate.overridable).toEqual(['management-api-user-scopes']);
  });

  it('ignores warnings and infos', () => {
    const pitfalls = lint({ state: undefined, audience: undefined });
    expect(pitfalls.length).toBeGreaterThan(0);
    expect(pitfalls.every((p) => p.severity !== 'error')).toBe(true);
    expect(loginGate(pitfalls)).toEqual({ unsendable: [], overridable: [] });
  });
});
