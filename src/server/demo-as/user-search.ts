import type { TenantUser } from './tenant-store';

/**
 * A small part of Auth0's user search (`q`, Lucene syntax, search engine v3): `field:value` terms on the user's
 * fields (dotted for metadata: `app_metadata.plan:pro`), quoted values, a `*` wildcard, and bare words matched
 * against the email, name, nickname and user_id. Terms are combined with AND; `AND` itself is accepted.
 */
export function matchesUserQuery(user: TenantUser, q: string): boolean {
  const terms = [...q.matchAll(/(?:([\w.]+):)?("[^"]*"|\S+)/g)].filter((m) => m[0] !== 'AND');
  return terms.every(([, field, rawValue = '']) => {
    const value = rawValue.replace(/^"|"$/g, '');
    const wanted = wildcard(value);
    if (field) return wanted.test(String(valueAt(user, field) ?? ''));
    return [user.email, user.name, user.nickname, user.user_id].some((v) => wanted.test(v) || v.toLowerCase().includes(value.toLowerCase()));
  });
}

function wildcard(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function valueAt(user: TenantUser, field: string): unknown {
  let current: unknown = user;
  for (const part of field.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
