import { parsePendingAuthorization } from '../../lib/oauth/callback';
import type { PendingAuthorization } from '../../lib/oauth/callback';

/** One pending round trip per tab: sessionStorage only, read once and deleted on return. */
const PENDING_KEY = 'token-workbench:authorize:pending';

export function savePendingAuthorization(pending: PendingAuthorization, storage: Storage = sessionStorage): void {
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
}

/** Reads the pending round trip and deletes it at once, so a callback can be processed only once. */
export function takePendingAuthorization(storage: Storage = sessionStorage): PendingAuthorization | undefined {
  const pending = parsePendingAuthorization(storage.getItem(PENDING_KEY));
  storage.removeItem(PENDING_KEY);
  return pending;
}
