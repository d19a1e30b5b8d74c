/**
 * Auth0's merge of `user_metadata` / `app_metadata` on PATCH /api/v2/users/{id}: root-level properties are
 * merged, anything below the root is replaced whole, a property set to null is deleted, and an empty object
 * clears the metadata. https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api
 */
export function mergeMetadata(current: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (Object.keys(patch).length === 0) return {};
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = structuredClone(value);
  }
  return merged;
}
