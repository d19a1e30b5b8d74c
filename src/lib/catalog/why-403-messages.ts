import type { AlternativeBlock } from './resolve-scopes';
import type { ReachRefusal } from './scope-reach';
import type { Why403Cause, Why403Note } from './why-403';

const list = (scopes: readonly string[]) => scopes.join(', ');

/** User-facing text for each cause. The UI switches on `code`, never on message text. */
export function causeMessage(cause: Why403Cause): { title: string; fix: string } {
  switch (cause.code) {
    case 'EMPTY_INPUT':
      return { title: 'Paste an access token or a scope string first.', fix: '' };
    case 'MALFORMED_TOKEN':
      return { title: 'This looks like a JWT, but its header or payload does not decode.', fix: 'Copy the whole token again, without quotes or line breaks.' };
    case 'ENCRYPTED_TOKEN':
      return { title: 'This is an encrypted token (JWE): its claims cannot be read here.', fix: 'Decrypt it in the token editor, or check the API\u2019s token settings.' };
    case 'ID_TOKEN':
      return {
        title: `This is an ID token, not an access token (${list(cause.evidence)}). APIs refuse ID tokens.`,
        fix: `An ID token is not an access token. Get an access token for the API: request it with audience=${cause.audience ?? 'the API identifier'}, and send the access_token of the token response.`,
      };
    case 'OPAQUE_TOKEN':
      return {
        title: 'This is an opaque access token: it was issued without an audience, so it only works at /userinfo.',
        fix: 'Request the token with audience set to the API identifier to get a JWT access token.',
      };
    case 'TOKEN_EXPIRED':
      return { title: `The token expired at ${cause.expiredAt.toISOString()}.`, fix: 'Get a new token (or use the refresh token).' };
    case 'TOKEN_NOT_YET_VALID':
      return { title: `The token is not valid before ${cause.notBefore.toISOString()}.`, fix: 'Check the clocks of the issuer and the caller.' };
    case 'WRONG_AUDIENCE':
      return {
        title: `The audience ${cause.audiences.length > 0 ? list(cause.audiences) : '(none)'} is not ${cause.expected}.`,
        fix: cause.missingTrailingSlash
          ? 'The audience lacks the trailing slash: request it exactly, slash included.'
          : `Request the token with audience=${cause.expected} (trailing slash included).${
              cause.fromIssuer ? ' This is the token issuer\u2019s Management API; behind a custom domain, use the tenant\u2019s canonical domain instead.' : ''
            }`,
      };
    case 'MISSING_SCOPE':
      return {
        title: `Insufficient scope: the token holds none of the accepted alternatives.`,
        fix: `Add one of: ${cause.anyOf.map((alt) => alt.join(' + ')).join(' | ')}.`,
      };
    case 'USER_SCOPE_UNAVAILABLE':
      return {
        title: `A user token cannot carry ${list(cause.scopes)}: the authorization server silently drops it.`,
        fix: 'Call this endpoint from a backend with a client-credentials (machine-to-machine) token.',
      };
    case 'OUTSIDE_REACH':
      return { title: cause.refusals.map(refusalMessage).join(' '), fix: reachFix(cause.refusals, cause.reachingAlternatives) };
    case 'NEEDS_USER_TOKEN':
      return {
        title: `${list(cause.scopes)} acts on the signed-in user only; a client-credentials token has no user.`,
        fix: 'Call it with a user token, or use an endpoint that machine clients may call.',
      };
  }
}

export function noteMessage(note: Why403Note): string {
  switch (note.code) {
    case 'UNVERIFIED':
      return 'Decoded locally without checking the signature: the claims are unverified.';
    case 'SCOPE_STRING_ONLY':
      return 'Only a scope string: audience, expiry and token type were not checked.';
    case 'OWN_USER_ONLY':
      return `${note.scope} works only on the token\u2019s own user (its sub).`;
    case 'FEATURE_FLAG':
      return `This endpoint is ${note.lifecycle === 'EA' ? 'in early access' : 'in beta'}: the tenant may also need a feature flag, which no scope grants.`;
    case 'LEGACY_ENDPOINT':
      return 'Legacy endpoint: older SDKs call it, the current spec no longer lists it.';
  }
}

export function blockMessage(block: AlternativeBlock): string {
  switch (block) {
    case 'not-grantable-to-users':
      return 'Not available on user tokens: the authorization server drops it.';
    case 'needs-user-token':
      return 'Acts on the signed-in user only: useless on a client-credentials token.';
  }
}

/** One scope that passes the scope check but not this call: what it reaches, and what the call asks for. */
export function refusalMessage(refusal: ReachRefusal): string {
  switch (refusal.code) {
    case 'OTHER_USER':
      return `${refusal.scope} acts only on the token\u2019s own user (${refusal.sub ?? 'its sub'}), and this call is on ${refusal.target}: the API answers 403.`;
    case 'FIELDS_OUTSIDE_REACH':
      return `${refusal.scope} may change only ${list(refusal.allowed)}, and this body also changes ${list(refusal.outside)}: the API answers 403.`;
  }
}

function reachFix(refusals: readonly ReachRefusal[], alternatives: readonly (readonly string[])[]): string {
  const stay = refusals.map((r) => (r.code === 'OTHER_USER' ? `call it on ${r.sub ?? 'the token\u2019s own user'}` : `send only ${list(r.allowed)}`));
  const options = alternatives.map((alt) => alt.join(' + ')).join(' | ');
  const within = `To stay within the token, ${[...new Set(stay)].join(' and ')}`;
  return options ? `${within}; to do this call as it is, use a token with one of: ${options}.` : `${within}.`;
}
