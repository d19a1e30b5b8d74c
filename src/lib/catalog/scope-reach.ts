import { isCurrentUserScope } from './api-model';
import type { ApiDefinition, ApiOperation } from './api-model';

/**
 * What a call may do once an alternative passes the scope check. A narrower reach still passes the check,
 * then refuses (403) a body or a target outside it: the least-privilege trap of `update:users_app_metadata`.
 */
export interface ScopeReach {
  /** The only fields the call may change; null: any field. */
  fields: readonly string[] | null;
  /** Only on the token's own user (its `sub`): the `*:current_user*` scopes. */
  ownUserOnly: boolean;
}

/**
 * Scopes that pass the check of `PATCH /api/v2/users/{id}` but change only these fields (Auth0's "Update users" docs).
 * The demo tenant's Management API enforces the same table, so what the picker says is what the emulation does.
 */
export const FIELD_LIMITS: Readonly<Record<string, readonly string[]>> = {
  'update:users_app_metadata': ['app_metadata'],
  'update:current_user_metadata': ['user_metadata'],
  'create:current_user_metadata': ['user_metadata'],
};

export const FULL_REACH: ScopeReach = { fields: null, ownUserOnly: false };

/** The reach of an alternative (all of its scopes held). Only the Management API's scopes carry limits. */
export function reachOf(api: ApiDefinition, alternative: readonly string[]): ScopeReach {
  if (api.kind !== 'auth0-management') return FULL_REACH;
  const limited = alternative.flatMap((scope) => FIELD_LIMITS[scope] ?? []);
  const unlimited = alternative.some((scope) => !FIELD_LIMITS[scope]);
  return {
    fields: limited.length === 0 || (unlimited && alternative.length > 1) ? null : [...new Set(limited)].sort(),
    ownUserOnly: alternative.some(isCurrentUserScope),
  };
}

/** What a call acts on, as far as the caller knows it: the token's `sub`, the path parameters, the body's top-level fields. */
export interface CallSubject {
  /** The token's `sub`; null when the token names no user (a client-credentials token, or a bare scope string). */
  sub: string | null;
  /** The filled path parameters (`{id}` → `auth0|bob`); a parameter missing or empty is not known yet. */
  params: Readonly<Record<string, string>>;
  /** The top-level members of the JSON body; null when unknown (not parsed yet, or not an object). */
  bodyFields: readonly string[] | null;
}

/** Why a scope that passes the operation's scope check still cannot make this call (Auth0 then answers 403). */
export type ReachRefusal =
  /** A `*:current_user*` scope on another user's id: it reaches only the token's own `sub`. */
  | { code: 'OTHER_USER'; scope: string; sub: string | null; target: string }
  /** A scope limited to some fields of the user, with a body that changes others. */
  | { code: 'FIELDS_OUTSIDE_REACH'; scope: string; allowed: readonly string[]; outside: readonly string[] };

/**
 * The user a call acts on: the `{id}` of `/api/v2/users/{id}…`, null where the path names none (the
 * device-credentials endpoints act on the token's own user implicitly) or the id is not filled in yet.
 */
export function targetUserOf(operation: ApiOperation, params: Readonly<Record<string, string>>): string | null {
  if (!operation.path.startsWith('/api/v2/users/{id}')) return null;
  const id = params.id ?? '';
  return id === '' ? null : id;
}

/**
 * The one rule for how far a held scope reaches (Auth0's Management API, as the demo tenant enforces it): a
 * `*:current_user*` scope acts only on the token's own `sub`, and a field-limited scope (FIELD_LIMITS) changes only its
 * fields. Null: `scope` reaches this call (or what is not known yet cannot refuse it).
 */
export function scopeReachRefusal(api: ApiDefinition, operation: ApiOperation, scope: string, call: CallSubject): ReachRefusal | null {
  if (api.kind !== 'auth0-management') return null;
  const target = targetUserOf(operation, call.params);
  if (isCurrentUserScope(scope) && target !== null && target !== call.sub) return { code: 'OTHER_USER', scope, sub: call.sub, target };
  const allowed = FIELD_LIMITS[scope];
  if (allowed && call.bodyFields) {
    const outside = call.bodyFields.filter((f) => !allowed.includes(f));
    if (outside.length > 0) return { code: 'FIELDS_OUTSIDE_REACH', scope, allowed, outside };
  }
  return null;
}

/** The held scopes (each one an alternative of the operation) that reach the call, and why each of the others does not. */
export function reachingScopes(api: ApiDefinition, operation: ApiOperation, held: readonly string[], call: CallSubject): { reaching: string[]; refusals: ReachRefusal[] } {
  const reaching: string[] = [];
  const refusals: ReachRefusal[] = [];
  for (const scope of held) {
    const refusal = scopeReachRefusal(api, operation, scope, call);
    if (refusal) refusals.push(refusal);
    else reaching.push(scope);
  }
  return { reaching, refusals };
}

/** Whether a call with reach `outer` can do everything a call with reach `inner` can. */
export function reachCovers(outer: ScopeReach, inner: ScopeReach): boolean {
  const fieldsOk = outer.fields === null || (inner.fields !== null && inner.fields.every((f) => outer.fields?.includes(f)));
  return fieldsOk && (!outer.ownUserOnly || inner.ownUserOnly);
}

const isFull = (reach: ScopeReach) => reach.fields === null && !reach.ownUserOnly;

/** A stable key for a reach, used in links: `any`, `app_metadata`, `user_metadata@own`, `any@own`. */
export function reachKey(reach: ScopeReach): string {
  return `${reach.fields ? reach.fields.join('+') : 'any'}${reach.ownUserOnly ? '@own' : ''}`;
}

/** One intent the user may state for an endpoint: what the call must be able to do. */
export interface ScopeIntent {
  key: string;
  reach: ScopeReach;
  /** "Any field", "app_metadata only", "user_metadata only, your own user only". */
  label: string;
}

/** The endpoint's broadest reach: what the call can do with the widest of all its alternatives. */
export function operationReach(api: ApiDefinition, operation: ApiOperation): ScopeReach {
  const reaches = operation.alternatives.map((alt) => reachOf(api, alt));
  return reaches.find(isFull) ?? reaches.find((r) => reaches.every((other) => reachCovers(r, other))) ?? FULL_REACH;
}

function intentLabel(reach: ScopeReach, mentionFields: boolean, mentionUser: boolean): string {
  const parts: string[] = [];
  if (mentionFields) parts.push(reach.fields ? `${reach.fields.join(', ')} only` : 'Any field');
  if (mentionUser) {
    const whose = reach.ownUserOnly ? 'your own user only' : 'any user';
    parts.push(parts.length === 0 ? whose.charAt(0).toUpperCase() + whose.slice(1) : whose);
  }
  return parts.join(', ');
}

/**
 * The intents a user can choose between for an endpoint: the distinct reaches of the alternatives that `usable`
 * accepts (the token kind's), broadest first. Fewer than two: nothing to choose.
 */
export function intentsFor(api: ApiDefinition, operation: ApiOperation, usable: (alternative: readonly string[]) => boolean): ScopeIntent[] {
  const reaches = new Map<string, ScopeReach>();
  for (const alternative of operation.alternatives) {
    if (alternative.length === 0 || !usable(alternative)) continue;
    const reach = reachOf(api, alternative);
    reaches.set(reachKey(reach), reach);
  }
  const all = [...reaches.values()];
  const mentionFields = all.some((r) => r.fields !== null);
  const mentionUser = all.some((r) => r.ownUserOnly) && all.some((r) => !r.ownUserOnly);
  // Broadest first: a reach that covers more of the others comes earlier.
  const coverage = (r: ScopeReach) => all.filter((other) => reachCovers(r, other)).length;
  return all
    .sort((a, b) => coverage(b) - coverage(a))
    .map((reach) => ({ key: reachKey(reach), reach, label: intentLabel(reach, mentionFields, mentionUser) }));
}

/** The reaches a scope set must cover for an endpoint, given the stated intent, or the broadest usable one. */
export function intendedReach(intents: readonly ScopeIntent[], chosenKey: string | undefined): ScopeReach | null {
  return (intents.find((i) => i.key === chosenKey) ?? intents[0])?.reach ?? null;
}

/** Whether `alternative` is usable by `kind` for the stated reach: it passes, and does everything the reach asks. */
export function alternativeServes(api: ApiDefinition, alternative: readonly string[], reach: ScopeReach | null): boolean {
  return reach === null || reachCovers(reachOf(api, alternative), reach);
}

/** What a scope narrower than its endpoint allows, for the "Required scopes" region; null when it is as broad. */
export function reachLimitMessage(api: ApiDefinition, operation: ApiOperation, alternative: readonly string[]): string | null {
  const reach = reachOf(api, alternative);
  const full = operationReach(api, operation);
  if (reachCovers(reach, full)) return null;
  const scopes = alternative.join(' + ');
  const own = 'your own user only (the token\u2019s sub)';
  if (!reach.fields) return `${scopes} acts on ${own}: another user\u2019s id gets a 403.`;
  const fields = reach.fields.join(', ');
  return reach.ownUserOnly
    ? `${scopes} may change only ${fields}, of ${own}: a body with any other field, or another user\u2019s id, gets a 403.`
    : `${scopes} may change only ${fields}, of any user: a body with any other field gets a 403.`;
}

/** An endpoint whose usable alternatives reach differently far: the user says which reach the call needs. */
export interface IntentChoice {
  operation: ApiOperation;
  options: ScopeIntent[];
  /** The stated intent, or the broadest (the default: works for any body). */
  chosen: string;
}

/** The intent choices a selection offers for a token kind, with each one's current answer. */
export function intentChoices(
  api: ApiDefinition,
  operations: readonly ApiOperation[],
  usable: (alternative: readonly string[]) => boolean,
  stated: Readonly<Record<string, string>>,
): IntentChoice[] {
  return operations.flatMap((operation) => {
    const options = intentsFor(api, operation, usable);
    const statedKey = stated[operation.id];
    const chosen = options.find((o) => o.key === statedKey) ?? options[0];
    return options.length > 1 && chosen ? [{ operation, options, chosen: chosen.key }] : [];
  });
}

/** The top-level members of a JSON request body: the fields a call asks to change. Null when it is not an object. */
export function bodyFields(bodyText: string): string[] | null {
  if (bodyText.trim() === '') return [];
  try {
    const body: unknown = JSON.parse(bodyText);
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
  } catch {
    return null;
  }
}

/**
 * The narrowest intent that still lets a call change `fields` (the body it will send), or undefined for the
 * broadest: with no fields, or fields no narrower intent covers, only the scope that takes any body is safe.
 */
export function intentForBody(intents: readonly ScopeIntent[], fields: readonly string[] | null): string | undefined {
  if (!fields || fields.length === 0) return undefined;
  const serving = intents.filter((i) => !i.reach.ownUserOnly && (i.reach.fields === null || fields.every((f) => i.reach.fields?.includes(f))));
  // Narrowest first: the intent that covers the fewest of the others.
  const coverage = (r: ScopeReach) => intents.filter((other) => reachCovers(r, other.reach)).length;
  return serving.sort((a, b) => coverage(a.reach) - coverage(b.reach))[0]?.key;
}
