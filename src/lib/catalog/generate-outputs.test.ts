import { describe, expect, it } from 'vitest';
import { generateOutputs } from './generate-outputs';
import { customApi, managementApi } from './test-fixtures';

const scopes = ['read:users', 'update:users_app_metadata'];

describe('generateOutputs', () => {
  it('client-grants body names the Management API audience with its trailing slash', () => {
    const { clientGrantBody } = generateOutputs(managementApi, scopes);
    expect(JSON.parse(clientGrantBody)).toEqual({ client_id: '<CLIENT_ID>', audience: 'https://<TENANT_DOMAIN>/api/v2/', scope: scopes });
  });

  it('curl requests a client-credentials token with placeholders, never a secret', () => {
    const { tokenCurl } = generateOutputs(managementApi, scopes);
    expect(tokenCurl).toContain(`--data-urlencode 'grant_type=client_credentials'`);
    expect(tokenCurl).toContain('"client_secret=${AUTH0_CLIENT_SECRET}"');
    expect(tokenCurl).toContain('"audience=https://${AUTH0_DOMAIN}/api/v2/"');
    expect(tokenCurl).toContain(`'scope=read:users update:users_app_metadata'`);
    expect(tokenCurl).toContain('"https://${AUTH0_DOMAIN}/oauth/token"');
  });

  it('uses the tenant domain when given', () => {
    const { tokenCurl, clientGrantBody } = generateOutputs(managementApi, scopes, { tenantDomain: 'acme.eu.auth0.com' });
    expect(tokenCurl).toContain(`--url 'https://acme.eu.auth0.com/oauth/token'`);
    expect(tokenCurl).toContain(`'audience=https://acme.eu.auth0.com/api/v2/'`);
    expect(JSON.parse(clientGrantBody).audience).toBe('https://acme.eu.auth0.com/api/v2/');
  });

  it('Terraform auth0_client_grant lists the scopes', () => {
    expect(generateOutputs(managementApi, scopes).terraform).toBe(
      [
        'resource "auth0_client_grant" "management_api" {',
        '  client_id = "<CLIENT_ID>"',
        '  audience  = "https://<TENANT_DOMAIN>/api/v2/"',
        '  scopes    = [',
        '    "read:users",',
        '    "update:users_app_metadata",',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('quotes a hostile custom API identifier safely in shell and HCL', () => {
    const api = { ...customApi([], `https://x/'; rm -rf ~; "\${evil}"`), name: 'My API!' };
    const { tokenCurl, terraform } = generateOutputs(api, ['read:x']);
    expect(tokenCurl).toContain(`'audience=https://x/'\\''; rm -rf ~; "\${evil}"'`);
    expect(terraform).toContain('resource "auth0_client_grant" "my_api" {');
    expect(terraform).toContain('audience  = "https://x/\'; rm -rf ~; \\"$${evil}\\""');
  });

  it('login parameters ask for openid profile plus the user scopes', () => {
    expect(JSON.parse(generateOutputs(managementApi, ['read:current_user']).authorizeParams)).toEqual({
      audience: 'https://<TENANT_DOMAIN>/api/v2/',
      scope: 'openid profile read:current_user',
    });
  });
});
