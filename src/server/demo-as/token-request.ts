import type { TenantStore } from './tenant-store';

export interface TokenRequestRewrite {
  body: string;
  changed: boolean;
}

function clientIdOf(params: URLSearchParams, authorization: string | undefined): string | undefined {
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const id = decoded.split(':')[0];
    if (!id) return undefined;
    try {
      return decodeURIComponent(id.replace(/\+/g, '%20'));
    } catch {
      // Bad percent-encoding: oidc-provider answers invalid_client for it.
      return undefined;
    }
  }
  return params.get('client_id') ?? undefined;
}

/**
 * Makes a token request as Auth0's clients send it acceptable to oidc-provider:
 * a JSON body becomes a form, `audience` becomes the RFC 8707 `resource`, and a client-credentials
 * request with no `scope` gets every scope the client was granted for that API, as Auth0 does.
 */
export function rewriteTokenRequest(rawBody: string, contentType: string | undefined, authorization: string | undefined, tenant: TenantStore): TokenRequestRewrite {
  let params: URLSearchParams;
  let changed = false;
  if (contentType?.toLowerCase().startsWith('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { body: rawBody, changed: false };
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) return { body: rawBody, changed: false };
    params = new URLSearchParams();
    for (const [k, v] of Object.entries(json)) if (typeof v === 'string') params.append(k, v);
    changed = true;
  } else {
    params = new URLSearchParams(rawBody);
  }
  if (params.get('grant_type') === 'client_credentials') {
    const audience = params.get('audience');
    if (audience && !params.has('resource')) {
      params.delete('audience');
      params.set('resource', audience);
      changed = true;
    }
    const resource = params.get('resource');
    const clientId = clientIdOf(params, authorization);
    if (resource && clientId && !params.get('scope')) {
      const granted = tenant.grantedScopes(clientId, resource);
      if (granted.length > 0) {
        params.set('scope', granted.join(' '));
        changed = true;
      }
    }
  }
  return { body: changed ? params.toString() : rawBody, changed };
}
