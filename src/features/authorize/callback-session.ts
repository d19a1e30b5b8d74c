import { readCallbackResponse, validateAuthorizationResponse } from '../../lib/oauth/callback';
import type { AuthorizationResult, CallbackSource, PendingAuthorization } from '../../lib/oauth/callback';
import { OAuthFlowError } from '../../lib/oauth/oauth-error';
import { takePendingAuthorization } from './pending-authorization';

export type CallbackOutcome =
  | { readonly kind: 'empty' }
  /** A reload (or Back) reopened /callback: whatever tokens this page held lived in memory only, and are gone. */
  | { readonly kind: 'lost' }
  | { readonly kind: 'refused'; readonly source: CallbackSource | undefined; readonly error: OAuthFlowError; readonly pending: PendingAuthorization | undefined }
  | { readonly kind: 'accepted'; readonly source: CallbackSource; readonly pending: PendingAuthorization; readonly result: AuthorizationResult };

let consumed: { readonly href: string; readonly outcome: CallbackOutcome } | undefined;
let firstLook = true;

/**
 * How this document was opened (Navigation Timing): `reload` and `back_forward` reopen a /callback whose tokens are
 * gone. Only when the document was opened at `href`'s path: a reload of another page, then an in-app visit here, lost nothing here.
 */
function documentNavigationType(href: string): string | undefined {
  const [entry] = typeof performance === 'undefined' ? [] : performance.getEntriesByType('navigation');
  if (!entry || !('type' in entry)) return undefined;
  return URL.canParse(entry.name) && URL.canParse(href) && new URL(entry.name).pathname === new URL(href).pathname ? String(entry.type) : 'navigate';
}

/**
 * Processes the callback URL once: takes (and deletes) the pending round trip, validates the response, and
 * strips the code or tokens from the address bar and history. Repeated calls for the same URL return the same outcome.
 */
export function consumeCallback(href: string, navigationType: string | undefined = documentNavigationType(href)): CallbackOutcome {
  if (consumed?.href === href) return consumed.outcome;
  // Only the document's first look counts: a later in-app visit to /callback was not reloaded.
  const reopened = firstLook && (navigationType === 'reload' || navigationType === 'back_forward');
  firstLook = false;
  const response = readCallbackResponse(href);
  const outcome = ((): CallbackOutcome => {
    if (!response) return reopened ? { kind: 'lost' } : { kind: 'empty' };
    const pending = takePendingAuthorization();
    // Reloaded before the address bar was cleaned: this tab already used the response, and its tokens are gone.
    if (!pending && reopened) return { kind: 'lost' };
    if (!pending) {
      return { kind: 'refused', source: response.source, pending, error: new OAuthFlowError('ERR_NO_PENDING_REQUEST', 'No login was started from this tab (or it was already completed), so this response cannot be checked and is refused.') };
    }
    try {
      return { kind: 'accepted', source: response.source, pending, result: validateAuthorizationResponse(pending, response.params) };
    } catch (error) {
      const flowError = error instanceof OAuthFlowError ? error : new OAuthFlowError('ERR_INVALID_CALLBACK', 'The response could not be read.', { cause: error });
      return { kind: 'refused', source: response.source, pending, error: flowError };
    }
  })();
  consumed = { href, outcome };
  if (response) {
    const clean = new URL(href);
    clean.search = '';
    clean.hash = '';
    window.history.replaceState(window.history.state, '', clean.pathname);
    consumed = { href: clean.href, outcome };
  }
  return outcome;
}
