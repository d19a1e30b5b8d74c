import type { ApiDefinition } from './api-model';

export interface OutputOptions {
  /** The tenant domain, e.g. `example.eu.auth0.com`; placeholders are used when absent. */
  tenantDomain?: string | null;
}

export interface GeneratedOutputs {
  /** Body of `POST /api/v2/client-grants`. */
  clientGrantBody: string;
  /** curl for the client-credentials token request; the secret comes from the environment. */
  tokenCurl: string;
  /** Terraform `auth0_client_grant` resource. */
  terraform: string;
  /** Parameters for a user login (`/authorize` or auth0-spa-js `authorizationParams`). */
  authorizeParams: string;
}

const TENANT_PLACEHOLDER = '<TENANT_DOMAIN>';
const CLIENT_ID_PLACEHOLDER = '<CLIENT_ID>';

function audienceFor(api: ApiDefinition, tenantDomain: string): string {
  return api.audience.type === 'exact' ? api.audience.identifier : `https://${tenantDomain}/api/v2/`;
}

/** POSIX shell single-quoting. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** An HCL string literal: escapes quotes, backslashes and template sequences. */
function hclString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{').replace(/\n/g, '\\n')}"`;
}

function terraformName(api: ApiDefinition): string {
  const name = api.kind === 'auth0-management' ? 'management_api' : api.name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(name) ? name : `api_${name || 'grant'}`;
}

/** Snippets that grant or request exactly `scopes`. Never contains a secret: only placeholders and environment variables. */
export function generateOutputs(api: ApiDefinition, scopes: readonly string[], { tenantDomain = null }: OutputOptions = {}): GeneratedOutputs {
  const domain = tenantDomain?.trim() || TENANT_PLACEHOLDER;
  const audience = audienceFor(api, domain);
  const scopeString = scopes.join(' ');

  const clientGrantBody = `${JSON.stringify({ client_id: CLIENT_ID_PLACEHOLDER, audience, scope: [...scopes] }, null, 2)}\n`;

  const curlAudience = api.audience.type === 'exact' || tenantDomain ? shellQuote(`audience=${audience}`) : '"audience=https://${AUTH0_DOMAIN}/api/v2/"';
  const curlUrl = tenantDomain ? shellQuote(`https://${domain}/oauth/token`) : '"https://${AUTH0_DOMAIN}/oauth/token"';
  const tokenCurl = [
    `curl --request POST \\`,
    `  --url ${curlUrl} \\`,
    `  --header 'content-type: application/x-www-form-urlencoded' \\`,
    `  --data-urlencode 'grant_type=client_credentials' \\`,
    `  --data-urlencode "client_id=\${AUTH0_CLIENT_ID}" \\`,
    `  --data-urlencode "client_secret=\${AUTH0_CLIENT_SECRET}" \\`,
    ...(scopes.length > 0 ? [`  --data-urlencode ${curlAudience} \\`, `  --data-urlencode ${shellQuote(`scope=${scopeString}`)}`] : [`  --data-urlencode ${curlAudience}`]),
    '',
  ].join('\n');

  const terraform = [
    `resource "auth0_client_grant" "${terraformName(api)}" {`,
    `  client_id = ${hclString(CLIENT_ID_PLACEHOLDER)}`,
    `  audience  = ${hclString(audience)}`,
    scopes.length === 0 ? '  scopes    = []' : `  scopes    = [\n${scopes.map((s) => `    ${hclString(s)},`).join('\n')}\n  ]`,
    '}',
    '',
  ].join('\n');

  const authorizeParams = `${JSON.stringify({ audience, scope: ['openid', 'profile', ...scopes].join(' ') }, null, 2)}\n`;

  return { clientGrantBody, tokenCurl, terraform, authorizeParams };
}
