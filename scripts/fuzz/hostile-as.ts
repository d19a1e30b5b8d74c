import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A hostile fake authorization server for `npm run fuzz`, on loopback. Each tenant (a path prefix, so each is its own
 * issuer to the companion) misbehaves in one way: it echoes the client's credentials back in every encoding, answers
 * huge or deeply nested bodies, hangs, redirects to a trap, or names endpoints on the trap's origin.
 */
export const tenants = ['echo', 'big', 'slow', 'garbage', 'offorigin', 'plain'] as const;
export type Tenant = (typeof tenants)[number];

export interface HostileAs {
  origin: string;
  issuer(tenant: Tenant): string;
  /** Every client_assertion the companion sent: live credentials that must never come back to a client. */
  assertions: Set<string>;
  requests: number;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });

/** The request's credentials, echoed the ways careless servers have echoed them. */
function echoes(req: IncomingMessage, body: string): string[] {
  const authorization = req.headers.authorization ?? '';
  const basic = authorization.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8') : '';
  const params = new URLSearchParams(body);
  const secret = params.get('client_secret') ?? decodeURIComponent(basic.split(':')[1] ?? '').replace(/\+/g, ' ');
  const assertion = params.get('client_assertion') ?? '';
  return [
    authorization,
    body,
    basic,
    secret,
    secret.toUpperCase(),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`x${secret}`).toString('base64url'),
    encodeURIComponent(encodeURIComponent(secret)),
    assertion,
    `client_assertion=${assertion}`,
  ];
}

const quote = (text: string) => text.replace(/["\\]/g, '\\$&');

function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export async function startHostileAs(trapOrigin: string, seed: number): Promise<HostileAs> {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const assertions = new Set<string>();
  let origin = '';
  const as: HostileAs = {
    origin: '',
    issuer: (tenant) => `${origin}/${tenant}/`,
    assertions,
    requests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof value === 'string' ? value : JSON.stringify(value));
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      as.requests += 1;
      const url = new URL(req.url ?? '/', origin);
      const [, tenantName, ...rest] = url.pathname.split('/');
      const tenant = tenantName as Tenant;
      const endpoint = rest.join('/');
      const body = await readBody(req);
      const assertion = new URLSearchParams(body).get('client_assertion');
      if (assertion) assertions.add(assertion);
      const issuer = as.issuer(tenant);

      if (endpoint === '.well-known/openid-configuration') {
        const base = tenant === 'offorigin' ? `${trapOrigin}/` : issuer;
        return json(res, 200, {
          issuer,
          token_endpoint: `${base}oauth/token`,
          introspection_endpoint: `${base}oauth/introspect`,
          revocation_endpoint: `${base}oauth/revoke`,
          userinfo_endpoint: `${base}userinfo`,
          jwks_uri: `${base}jwks`,
          authorization_endpoint: `${base}authorize`,
        });
      }
      const roll = random();
      const said = echoes(req, body);
      switch (tenant) {
        case 'echo': {
          const echoed = said[Math.floor(random() * said.length)] ?? '';
          if (roll < 0.25) return json(res, 401, '', { 'www-authenticate': `Bearer error="invalid_client", error_description="${quote(echoed)}"` });
          if (roll < 0.5) return json(res, 400, { error: 'invalid_client', error_description: `you sent ${echoed}` });
          if (endpoint === 'jwks') return json(res, 200, { keys: [{ kty: 'oct', k: echoed, kid: echoed }] });
          if (endpoint === 'userinfo') return json(res, 200, { sub: echoed, [echoed]: said });
          return json(res, 200, { active: true, access_token: echoed || 'x', token_type: 'Bearer', expires_in: 3600, echo: said, [said[1] ?? 'b']: 1 });
        }
        case 'big':
          if (roll < 0.5) return json(res, 200, { access_token: 'a'.repeat(900_000), token_type: 'Bearer', expires_in: 86_400, active: true, keys: [] });
          return json(res, 200, `{"active":true,"pad":"${'b'.repeat(1_200_000)}"}`);
        case 'slow':
          if (roll < 0.5) return; // never answers: the companion's deadline must end it
          setTimeout(() => json(res, 200, { active: false, access_token: 't', token_type: 'Bearer', keys: [] }), 50);
          return;
        case 'garbage': {
          if (roll < 0.2) return res.writeHead(302, { location: `${trapOrigin}/stolen` }).end();
          if (roll < 0.4) return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><script>alert(1)</script></html>');
          if (roll < 0.6) return json(res, 200, deepJson(5_000));
          if (roll < 0.8) return json(res, 200, '{"active":tru');
          return res.writeHead(500, { 'content-type': 'text/plain' }).end(`stack trace with ${said[0] ?? ''}`);
        }
        case 'offorigin':
          return json(res, 200, { active: true });
        default:
          return json(res, 200, { active: true, access_token: 'plain-token', token_type: 'Bearer', expires_in: 60, sub: 'u', keys: [] });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  as.origin = origin;
  return as;
}
