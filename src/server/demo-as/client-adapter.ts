import type { Adapter, AdapterFactory, ClientMetadata, ResponseType } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import type { TenantClient, TenantStore } from './tenant-store';

/** Every response type a browser client may use, implicit and hybrid included, for teaching. */
export const browserResponseTypes: ResponseType[] = ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'];

/** A tenant client as oidc-provider's client metadata (RFC 7591 names). */
export function toClientMetadata(client: TenantClient): ClientMetadata {
  const { grant_types: grants } = client;
  const responseTypes = grants.includes('implicit') ? browserResponseTypes : grants.includes('authorization_code') ? (['code'] as ResponseType[]) : [];
  return {
    client_id: client.client_id,
    client_name: client.name,
    application_type: 'web',
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    ...(client.client_secret === undefined ? {} : { client_secret: client.client_secret }),
    ...(client.token_endpoint_auth_signing_alg === undefined ? {} : { token_endpoint_auth_signing_alg: client.token_endpoint_auth_signing_alg }),
    ...(client.jwks === undefined ? {} : { jwks: { keys: client.jwks.map((k) => ({ ...k }) as never) } }),
    grant_types: [...grants],
    response_types: responseTypes,
    redirect_uris: [...client.callbacks],
  };
}

const readOnly = async (): Promise<never> => {
  throw new Error('demo AS: clients are edited in the tenant store, not through oidc-provider');
};

/**
 * oidc-provider's storage: clients are read from the tenant store on every lookup (oidc-provider caches a
 * client by a hash of its metadata, so an edit takes effect at once); everything else (sessions, grants,
 * codes, tokens) stays in oidc-provider's own in-memory adapter, one per provider.
 */
export function tenantAdapter(tenant: TenantStore): AdapterFactory {
  const memory = createMemoryAdapter();
  const clients: Adapter = {
    find: async (id) => {
      const client = tenant.clients.get(id);
      return client && toClientMetadata(client);
    },
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    upsert: readOnly,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: async () => undefined,
  };
  return (model) => (model === 'Client' ? clients : memory(model));
}
