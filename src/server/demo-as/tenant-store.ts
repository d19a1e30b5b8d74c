import type { JWK } from 'jose';
import type { SigningAlgorithm } from 'oidc-provider';

/**
 * The demo tenant's configuration as a mutable in-memory store: what an Auth0 tenant keeps, under Auth0's
 * Management API names (snake_case), so its Management API can serve and edit the records as they are.
 * Token issuance reads it on every request: a grant or an API added here changes what can be minted.
 */

export type AppType = 'spa' | 'regular_web' | 'non_interactive';
export type ClientAuthMethod = 'none' | 'client_secret_post' | 'client_secret_basic' | 'private_key_jwt';

export interface TenantClient {
  readonly client_id: string;
  readonly name: string;
  readonly app_type: AppType;
  readonly token_endpoint_auth_method: ClientAuthMethod;
  /** Absent for public clients and for private_key_jwt ones. */
  readonly client_secret?: string;
  readonly grant_types: readonly string[];
  /** Allowed redirect URIs (Auth0's "Allowed Callback URLs"). */
  readonly callbacks: readonly string[];
  /** The public keys a private_key_jwt client signs its assertions with, and their algorithm. */
  readonly jwks?: readonly JWK[];
  readonly token_endpoint_auth_signing_alg?: SigningAlgorithm;
}

/** Auth0's client grant: a machine client may mint client-credentials tokens for `audience`, with these scopes. */
export interface ClientGrant {
  readonly id: string;
  readonly client_id: string;
  readonly audience: string;
  readonly scope: readonly string[];
}

export interface ResourceServerScope {
  readonly value: string;
  readonly description: string;
}

/** Auth0's resource server (an "API" in the Dashboard). */
export interface ResourceServer {
  readonly id: string;
  readonly identifier: string;
  readonly name: string;
  readonly scopes: readonly ResourceServerScope[];
  /** Access-token lifetime in seconds. */
  readonly token_lifetime: number;
  /** RBAC: a user gets only the scopes their permissions allow. */
  readonly enforce_policies: boolean;
  /** `access_token_authz`: "Add Permissions in the Access Token". */
  readonly token_dialect: 'access_token' | 'access_token_authz';
  /** The Management API: user-bound tokens carry only its user-context scopes. */
  readonly is_system?: boolean;
}

export interface Permission {
  readonly resource_server_identifier: string;
  readonly permission_name: string;
}

export interface TenantRole {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly Permission[];
}

export interface TenantUser {
  readonly user_id: string;
  readonly email: string;
  readonly email_verified: boolean;
  readonly name: string;
  readonly nickname: string;
  /** ISO 8601, as Auth0 returns it. */
  readonly created_at: string;
  readonly updated_at: string;
  readonly user_metadata: Readonly<Record<string, unknown>>;
  readonly app_metadata: Readonly<Record<string, unknown>>;
  /** Ids of the roles assigned to the user. */
  readonly roles: readonly string[];
  /** Permissions assigned to the user directly, besides those of their roles. */
  readonly permissions: readonly Permission[];
}

/**
 * Auth0's application-specific password (legacy): a user's own long-lived bearer credential for one API, with some
 * scopes. Only a SHA-256 of the value is kept: the value itself is shown once, when it is created.
 */
export interface ApplicationPassword {
  readonly id: string;
  readonly user_id: string;
  readonly label: string;
  readonly audience: string;
  readonly scope: readonly string[];
  /** ISO 8601. */
  readonly created_at: string;
  /** Hex SHA-256 of the value. */
  readonly value_sha256: string;
}

/**
 * A tenant rule, as Auth0's credentials-exchange hook (today an Action) would be written: an extra parameter of a
 * client-credentials request, naming a user of the tenant, becomes a namespaced claim of the token.
 */
export interface TokenClaimRule {
  readonly id: string;
  /** The token-request parameter, e.g. `user_id`. */
  readonly param: string;
  /** The namespaced claim it becomes, e.g. `https://demo.test/user_id`. */
  readonly claim: string;
  /** The only clients the rule runs for. */
  readonly client_ids: readonly string[];
}

/**
 * The demo tenant's bounds (the whole store lives in this process's memory): Auth0's documented entity limits where
 * it has one (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/entity-limit-policy: roles
 * per tenant, and the free plan's applications and APIs), the demo's own elsewhere, and a size cap on the whole store.
 */
export const tenantLimits = {
  clients: 10,
  resourceServers: 10,
  roles: 1000,
  /** The demo's own: Auth0 has no count limit on users. */
  users: 1000,
  clientGrants: 1000,
  applicationPasswords: 1000,
  tokenClaimRules: 100,
  /** The demo's own: the whole store, as JSON. */
  storeBytes: 16 * 1024 * 1024,
} as const;

export type TenantLimits = { readonly [K in keyof typeof tenantLimits]: number };

/** A write the store refuses: a collection is full, or the whole store would pass its size cap. Nothing was written. */
export class TenantStoreLimitError extends Error {
  constructor(
    readonly collection: string,
    readonly limit: 'count' | 'size',
    readonly max: number,
  ) {
    super(limit === 'count' ? `The demo tenant holds at most ${max} ${collection}.` : `The demo tenant's store is full (${max / (1024 * 1024)} MB).`);
    this.name = 'TenantStoreLimitError';
  }
}

/** The bytes the whole store may hold, shared by its collections. */
export class StoreBudget {
  used = 0;

  constructor(readonly maxBytes: number) {}
}

export interface RecordsLimits {
  /** Names the collection in a refusal (plural: "users"). */
  name: string;
  maxCount: number;
  budget: StoreBudget;
}

/** One collection of records keyed by id. Records are copied in, so a caller's object never aliases the store. */
export class Records<T> {
  readonly #byId = new Map<string, T>();
  readonly #bytes = new Map<string, number>();

  constructor(
    private readonly idOf: (record: T) => string,
    private readonly limits: RecordsLimits = { name: 'records', maxCount: Number.POSITIVE_INFINITY, budget: new StoreBudget(Number.POSITIVE_INFINITY) },
  ) {}

  list(): T[] {
    return [...this.#byId.values()];
  }

  get(id: string): T | undefined {
    return this.#byId.get(id);
  }

  find(predicate: (record: T) => boolean): T | undefined {
    return this.list().find(predicate);
  }

  /** Creates or replaces the record with the same id; refused with TenantStoreLimitError past the collection's or the store's bound. */
  put(record: T): T {
    // Records are JSON-shaped: the serialization both measures the record and copies it.
    const json = JSON.stringify(record);
    const copy = JSON.parse(json) as T;
    const id = this.idOf(copy);
    const size = Buffer.byteLength(json);
    const previous = this.#bytes.get(id);
    const { name, maxCount, budget } = this.limits;
    if (previous === undefined && this.#byId.size >= maxCount) throw new TenantStoreLimitError(name, 'count', maxCount);
    if (budget.used - (previous ?? 0) + size > budget.maxBytes) throw new TenantStoreLimitError(name, 'size', budget.maxBytes);
    budget.used += size - (previous ?? 0);
    this.#bytes.set(id, size);
    this.#byId.set(id, copy);
    return copy;
  }

  delete(id: string): boolean {
    this.limits.budget.used -= this.#bytes.get(id) ?? 0;
    this.#bytes.delete(id);
    return this.#byId.delete(id);
  }
}

export class TenantStore {
  readonly #budget: StoreBudget;
  readonly clients: Records<TenantClient>;
  readonly clientGrants: Records<ClientGrant>;
  readonly resourceServers: Records<ResourceServer>;
  readonly roles: Records<TenantRole>;
  readonly users: Records<TenantUser>;
  readonly applicationPasswords: Records<ApplicationPassword>;
  readonly tokenClaimRules: Records<TokenClaimRule>;
  /**
   * The `jti`s of revoked JWT access tokens, with their `exp` (epoch seconds). oidc-provider keeps no record of the
   * JWTs it issues and refuses to revoke them, so the tenant keeps this list (fed by /oauth/revoke).
   */
  readonly #revokedJwts = new Map<string, number>();

  constructor(limits: TenantLimits = tenantLimits) {
    const budget = (this.#budget = new StoreBudget(limits.storeBytes));
    const bounded = (name: string, maxCount: number) => ({ name, maxCount, budget });
    this.clients = new Records((c) => c.client_id, bounded('applications', limits.clients));
    this.clientGrants = new Records((g) => g.id, bounded('client grants', limits.clientGrants));
    this.resourceServers = new Records((r) => r.id, bounded('APIs', limits.resourceServers));
    this.roles = new Records((r) => r.id, bounded('roles', limits.roles));
    this.users = new Records((u) => u.user_id, bounded('users', limits.users));
    this.applicationPasswords = new Records((p) => p.id, bounded('application-specific passwords', limits.applicationPasswords));
    this.tokenClaimRules = new Records((r) => r.id, bounded('rules', limits.tokenClaimRules));
  }

  /** The bytes the store's records take, as JSON. */
  get storedBytes(): number {
    return this.#budget.used;
  }

  /** The API whose identifier (the `audience` a client asks for) is `identifier`. */
  resourceServer(identifier: string): ResourceServer | undefined {
    return this.resourceServers.find((r) => r.identifier === identifier);
  }

  /** The scopes `clientId` has been granted on `audience`: empty without a client grant. */
  grantedScopes(clientId: string, audience: string): readonly string[] {
    return this.clientGrants.find((g) => g.client_id === clientId && g.audience === audience)?.scope ?? [];
  }

  /** Records a revoked JWT access token until it expires anyway; entries past their `exp` are dropped here. */
  revokeAccessToken(jti: string, exp: number, nowSeconds = Math.floor(Date.now() / 1000)): void {
    for (const [kept, keptExp] of this.#revokedJwts) if (keptExp <= nowSeconds) this.#revokedJwts.delete(kept);
    if (exp > nowSeconds) this.#revokedJwts.set(jti, exp);
  }

  isAccessTokenRevoked(jti: string): boolean {
    return this.#revokedJwts.has(jti);
  }

  /** The application-specific password whose value hashes to `valueSha256`. */
  applicationPasswordByHash(valueSha256: string): ApplicationPassword | undefined {
    return this.applicationPasswords.find((p) => p.value_sha256 === valueSha256);
  }

  /** The user's permission names on `audience`: their own, then their roles', once each. */
  userPermissions(userId: string, audience: string): string[] {
    const user = this.users.get(userId);
    if (!user) return [];
    const roles = user.roles.flatMap((id) => this.roles.get(id) ?? []);
    const all = [...user.permissions, ...roles.flatMap((r) => r.permissions)];
    return [...new Set(all.filter((p) => p.resource_server_identifier === audience).map((p) => p.permission_name))];
  }
}
