import { z } from 'zod';
import { customApiSchema } from '../../lib/catalog/custom-api';

/**
 * The scope picker persists the user's own API definitions (no secrets) under this key. Features never import
 * each other, so the builder only reads that storage, validates it, and never writes it.
 */
const SCOPE_PICKER_STORAGE_KEY = 'token-workbench:scopes';

const storedSchema = z.object({ state: z.object({ customApis: z.array(z.unknown()) }) });

export interface UserApi {
  readonly identifier: string;
  readonly name: string;
  readonly scopes: readonly string[];
}

/** The user's own APIs from the scope picker; whatever is malformed is skipped, never trusted. */
export function readUserApis(storage: Storage = localStorage): UserApi[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(SCOPE_PICKER_STORAGE_KEY) ?? 'null');
  } catch {
    return [];
  }
  const stored = storedSchema.safeParse(raw);
  if (!stored.success) return [];
  return stored.data.state.customApis.flatMap((candidate) => {
    const api = customApiSchema.safeParse(candidate);
    return api.success ? [{ identifier: api.data.identifier, name: api.data.name, scopes: api.data.scopes.map((scope) => scope.name) }] : [];
  });
}
