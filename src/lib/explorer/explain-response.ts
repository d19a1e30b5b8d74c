import { z } from 'zod';
import { acceptedScopes, isCurrentUserScope } from '../catalog/api-model';
import type { ApiDefinition, ApiOperation } from '../catalog/api-model';
import { alternativeBlock } from '../catalog/resolve-scopes';
import type { UnverifiedTokenFacts } from '../catalog/token-facts';
import { audienceMatches, expectedAudience, tokenProblems } from '../catalog/why-403';
import type { Why403Cause } from '../catalog/why-403';
import { scopeReachRefusal } from '../catalog/scope-reach';
import { causeMessage, refusalMessage } from '../catalog/why-403-messages';
import { parseBearerChallenge } from './bearer-challenge';
import type { BearerChallenge } from './bearer-challenge';
import { leastPrivilegeMint } from './pre-send-check';
import { describeRateLimit, readRateLimit } from './rate-limit';
import { headerValue } from './response-headers';
import type { RateLimit } from './rate-limit';

/** What the explorer tells about a refused call. The UI switches on the code, never on the text. */
export type ResponseDiagnosisCode =
  /** Auth0 400 "Bad HTTP authentication header format": the token is not a JWT (an opaque token, issued without audience). */
  | 'OPAQUE_TOKEN'
  /** No `Authorization` header (Auth0 401 "Missing authentication", or a bare RFC 6750 challenge). */
  | 'MISSING_AUTHENTICATION'
  /** Bad signature or another issuer (Auth0 401 "Invalid token", RFC 6750 `invalid_token`). */
  | 'INVALID_TOKEN'
  | 'ID_TOKEN'
  /** Auth0 401 "Bad audience: …": a token for another API. */
  | 'WRONG_AUDIENCE'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'MALFORMED_TOKEN'
  | 'ENCRYPTED_TOKEN'
  /** 403: the token holds none of the accepted scopes; `mintScope` says what a client-credentials token needs. */
  | 'MISSING_SCOPE'
  /** 403 on a user token that can never hold the scopes (`update:users`): the AS silently dropped them. */
  | 'USER_SCOPE_UNAVAILABLE'
  /** 403 on a client-credentials token for an endpoint only `*:current_user*` scopes open. */
  | 'NEEDS_USER_TOKEN'
  /** 403 although the token holds a user-context scope: it covers only the token's own user and part of it. */
  | 'OWN_USER_ONLY'
  /** Found before sending: the token's accepted scope does not reach this call (another user, another field). */
  | 'OUTSIDE_REACH'
  | 'RATE_LIMITED'
  /** The demo tenant's 501: it checks the scopes of this endpoint but has no store behind it. */
  | 'NOT_EMULATED'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN';

export interface ResponseDiagnosis {
  code: ResponseDiagnosisCode;
  title: string;
  fix: string;
  /** The API's own words: Auth0's `message`, or the challenge's `error_description`. */
  upstreamMessage: string | null;
  /** The scopes the API named: Auth0's "expected any of", or the RFC 6750 `scope` the request needs. */
  expectedScopes: string[];
  /** The `scope` to mint with a profile's client-credentials token and retry; null when no such token can call it. */
  mintScope: string | null;
  /** Scopes a user token could hold instead (`update:current_user_metadata` for `update:users`). */
  userScopes: string[];
  rateLimit: RateLimit | null;
  /** True when the token's unverified facts shaped the diagnosis (and not only the API's answer). */
  usedTokenFacts: boolean;
}

export interface UpstreamAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: unknown;
}

export interface ExplainContext {
  api: ApiDefinition;
  /** The operation that was called, when the explorer knows it. */
  operation: ApiOperation | null;
  /** The unverified facts of the token that was sent, when the explorer knows them. */
  facts?: UnverifiedTokenFacts | null;
  now?: Date;
  /** The members of the JSON body that was sent, when it was an object: the scope to mint must let the call change them. */
  bodyFields?: readonly string[] | null;
  /** The path parameters that were sent (`{id}` → `auth0|bob`): which user the call acted on. */
  params?: Readonly<Record<string, string>>;
}

/** Auth0's error body: `{statusCode, error, message, errorCode?}`. */
const auth0ErrorSchema = z.looseObject({ statusCode: z.number(), error: z.string(), message: z.string(), errorCode: z.string().optional() });

const AUTH0_EXPECTED_SCOPES = /^Insufficient scope, expected any of: (.*)$/;
const AUTH0_BAD_AUDIENCE = /^Bad audience:\s*(.*)$/;
const list = (items: readonly string[]) => items.join(', ');

/** What the answer and the token facts say, read once. */
interface Reading {
  body: z.infer<typeof auth0ErrorSchema> | null;
  challenge: BearerChallenge | null;
  upstreamMessage: string | null;
  facts: UnverifiedTokenFacts | null;
  /** Token-level problems the facts show (why-403's), empty without facts. */
  causes: Why403Cause[];
  base: Omit<ResponseDiagnosis, 'code' | 'title' | 'fix'>;
}

type TokenCause = Exclude<Why403Cause, { code: 'EMPTY_INPUT' }>;

function fromCause(reading: Reading, cause: TokenCause, usedTokenFacts: boolean): ResponseDiagnosis {
  return { ...reading.base, code: cause.code, ...causeMessage(cause), usedTokenFacts };
}

function tokenCause(reading: Reading, ...codes: TokenCause['code'][]): TokenCause | undefined {
  return reading.causes.find((c): c is TokenCause => (codes as string[]).includes(c.code));
}

/**
 * Explains a 400, 401, 403, 429 or 501 answer of an API in plain words, with the fix: Auth0's Management API bodies,
 * RFC 6750 §3.1 `WWW-Authenticate: Bearer` challenges, and the token's unverified facts when known. Null for other statuses.
 */
export function explainResponse(answer: UpstreamAnswer, context: ExplainContext): ResponseDiagnosis | null {
  const auth0 = auth0ErrorSchema.safeParse(answer.body);
  const body = auth0.success ? auth0.data : null;
  const challenge = parseBearerChallenge(headerValue(answer.headers, 'www-authenticate'));
  const text = typeof answer.body === 'string' ? answer.body.trim().slice(0, 500) : '';
  const upstreamMessage = body?.message ?? challenge?.error_description ?? (text || null);
  const facts = context.facts ?? null;
  const reading: Reading = {
    body,
    challenge,
    upstreamMessage,
    facts,
    causes: facts ? tokenProblems(context.api, facts, { now: context.now }) : [],
    base: { upstreamMessage, expectedScopes: [], mintScope: null, userScopes: [], rateLimit: null, usedTokenFacts: false },
  };

  switch (answer.status) {
    case 429: {
      const rateLimit = readRateLimit(answer.headers, context.now);
      return {
        ...reading.base,
        code: 'RATE_LIMITED',
        title: `Rate limit reached${upstreamMessage ? `: ${upstreamMessage}` : ''}.`,
        fix: rateLimit ? `Wait before retrying (${describeRateLimit(rateLimit, context.now)}).` : 'Wait a little before retrying, and space out the calls.',
        rateLimit,
      };
    }
    case 501:
      if (body?.errorCode !== 'not_emulated') return null;
      return {
        ...reading.base,
        code: 'NOT_EMULATED',
        title: 'The demo tenant checked the scopes of this endpoint, but does not emulate it: a limit of the demo tenant, not of your request.',
        fix: 'Try it against a real Auth0 tenant with a profile of your own.',
      };
    case 400: {
      if (upstreamMessage !== 'Bad HTTP authentication header format') {
        return { ...reading.base, code: 'BAD_REQUEST', title: `The API refused the request${upstreamMessage ? `: ${upstreamMessage}` : '.'}`, fix: 'Check the parameters and the body against the endpoint\u2019s reference.' };
      }
      const unreadable = tokenCause(reading, 'MALFORMED_TOKEN', 'ENCRYPTED_TOKEN');
      return unreadable ? fromCause(reading, unreadable, true) : fromCause(reading, { code: 'OPAQUE_TOKEN' }, facts?.kind === 'opaque');
    }
    case 401:
      return explainUnauthorized(answer.status, context, reading);
    case 403:
      return explainForbidden(context, reading);
    default:
      return null;
  }
}

function explainUnauthorized(status: number, context: ExplainContext, reading: Reading): ResponseDiagnosis {
  const { upstreamMessage: message, challenge, facts, base } = reading;
  if (message === 'Missing authentication' || (challenge && !challenge.error && (!facts || facts.kind === 'empty'))) {
    return { ...base, code: 'MISSING_AUTHENTICATION', title: 'The request carried no bearer token.', fix: 'Choose how to authorize: paste a token, or let a profile mint one.' };
  }
  const badAudience = message ? AUTH0_BAD_AUDIENCE.exec(message) : null;
  if (badAudience) {
    const known = tokenCause(reading, 'ID_TOKEN') ?? tokenCause(reading, 'WRONG_AUDIENCE');
    if (known) return fromCause(reading, known, true);
    const audiences = (badAudience[1] as string).split(/\s+/).filter(Boolean);
    // An ID token's audience is the client id, not an API identifier (OpenID Connect Core §2).
    if (audiences.length > 0 && audiences.every((aud) => !/^[a-z][a-z0-9+.-]*:/i.test(aud))) return fromCause(reading, { code: 'ID_TOKEN', evidence: ['aud is a client ID, not an API'] }, false);
    const missingTrailingSlash = audiences.some((aud) => !aud.endsWith('/') && audienceMatches(context.api, `${aud}/`));
    return fromCause(reading, { code: 'WRONG_AUDIENCE', audiences, expected: expectedAudience(context.api), missingTrailingSlash }, false);
  }
  if (message?.startsWith('Expired token')) {
    const expired = tokenCause(reading, 'TOKEN_EXPIRED');
    if (expired) return fromCause(reading, expired, true);
    return { ...base, code: 'TOKEN_EXPIRED', title: 'The token has expired.', fix: 'Get a new token (or use the refresh token).' };
  }
  // Auth0's "Invalid token", RFC 6750 invalid_token, or an unexplained 401: the token facts may know better.
  const known = tokenCause(reading, 'ID_TOKEN', 'TOKEN_EXPIRED', 'TOKEN_NOT_YET_VALID', 'WRONG_AUDIENCE', 'OPAQUE_TOKEN', 'MALFORMED_TOKEN', 'ENCRYPTED_TOKEN');
  if (known) return fromCause(reading, known, true);
  if (message === 'Invalid token' || challenge?.error === 'invalid_token') {
    return {
      ...base,
      code: 'INVALID_TOKEN',
      title: `The API rejected the token${message && message !== 'Invalid token' ? ` (${message})` : ''}: its signature does not verify, or another issuer signed it.`,
      fix: 'Get a token from the issuer this API trusts, and send it unaltered (verify it in the token editor).',
      usedTokenFacts: facts?.kind === 'jwt',
    };
  }
  return { ...base, code: 'UNAUTHORIZED', title: `The API refused the credentials (${status})${message ? `: ${message}` : '.'}`, fix: 'Check the token in the token editor.' };
}

function explainForbidden(context: ExplainContext, reading: Reading): ResponseDiagnosis {
  const { body, challenge, upstreamMessage, facts, base } = reading;
  const { api, operation } = context;
  const auth0Expected = upstreamMessage ? AUTH0_EXPECTED_SCOPES.exec(upstreamMessage) : null;
  const isScopeError = auth0Expected !== null || body?.errorCode === 'insufficient_scope' || challenge?.error === 'insufficient_scope';
  if (!isScopeError) {
    return { ...base, code: 'FORBIDDEN', title: `The API refused the call${upstreamMessage ? `: ${upstreamMessage}` : '.'}`, fix: 'The token is valid, but this API does not let it do this.' };
  }
  // Auth0: any one of these (comma-separated); RFC 6750 §3: every scope of the space-separated list.
  const anyOf = auth0Expected ? (auth0Expected[1] as string).split(',').map((s) => s.trim()).filter(Boolean) : null;
  const allOf = !anyOf && challenge?.scope ? challenge.scope.split(/\s+/).filter(Boolean) : null;
  const expectedScopes = anyOf ?? allOf ?? (operation ? acceptedScopes(operation) : []);
  const alternatives: string[][] = anyOf ? anyOf.map((s) => [s]) : allOf ? [allOf] : (operation?.alternatives.map((alt) => [...alt]) ?? []);

  const held = new Set(facts?.scopes ?? []);
  const kind = facts?.userBound === true ? 'user' : facts?.userBound === false ? 'm2m' : null;
  const m2mAlternatives = alternatives.filter((alt) => alternativeBlock(api, alt, 'm2m') === null);
  const plan = operation && !allOf ? leastPrivilegeMint(api, [operation], [], context.bodyFields ?? null) : null;
  const mintScope = plan ? (plan.ok ? plan.scope : null) : (m2mAlternatives[0]?.join(' ') ?? null);
  const userScopes = [...new Set(alternatives.filter((alt) => alternativeBlock(api, alt, 'user') === null).flat())];
  const shared = { ...base, expectedScopes, mintScope, userScopes, usedTokenFacts: facts !== null && (facts.kind === 'jwt' || facts.kind === 'scope-string') };
  const mintFix = mintScope ? ` A profile's client-credentials token can carry ${mintScope}: mint one with these scopes and retry.` : '';

  // The demo tenant, like Auth0, leaves the user-context scope out of "expected any of" when the call is on another
  // user or on another field: the catalog's alternatives still say that the token's scope was the one in play.
  const inPlay = [...expectedScopes, ...(operation ? acceptedScopes(operation) : [])];
  const ownUserScope = kind === 'user' ? inPlay.find((s) => held.has(s) && isCurrentUserScope(s)) : undefined;
  if (ownUserScope) {
    const refusal = operation && context.params ? scopeReachRefusal(api, operation, ownUserScope, { sub: facts?.subject ?? null, params: context.params, bodyFields: context.bodyFields ?? null }) : null;
    return {
      ...shared,
      code: 'OWN_USER_ONLY',
      title: refusal
        ? refusalMessage(refusal)
        : `The token holds ${ownUserScope}, which acts only on the token's own user (its sub), and only on the part the scope names.`,
      fix: `Call it on your own user, changing only what ${ownUserScope} covers (update:current_user_metadata: user_metadata).${mintFix}`,
    };
  }
  if (kind === 'user' && userScopes.length < expectedScopes.length && !expectedScopes.some((s) => held.has(s))) {
    const dropped = expectedScopes.filter((s) => !userScopes.includes(s));
    return {
      ...shared,
      code: 'USER_SCOPE_UNAVAILABLE',
      title: `A user token cannot carry ${list(dropped)}: the authorization server silently drops ${dropped.length > 1 ? 'them' : 'it'} from user tokens.`,
      fix: `${userScopes.length > 0 ? `On a user token, ask for ${list(userScopes)} instead (own user only). ` : ''}Or call it from a backend with a client-credentials token.${mintFix}`,
    };
  }
  if (kind === 'm2m' && m2mAlternatives.length === 0) {
    return {
      ...shared,
      code: 'NEEDS_USER_TOKEN',
      title: `${list(expectedScopes)} act${expectedScopes.length > 1 ? '' : 's'} on the signed-in user only; a client-credentials token has no user.`,
      fix: 'Call it with a user token, obtained through the authorize flow with the Management API audience.',
    };
  }
  const missing = expectedScopes.filter((s) => !held.has(s));
  return {
    ...shared,
    code: 'MISSING_SCOPE',
    title: `Insufficient scope: the API ${anyOf ? 'expects any of' : 'needs'} ${list(missing.length > 0 ? missing : expectedScopes)}.`,
    fix: `Get a token that holds ${anyOf ? 'one of them' : 'them'}.${mintFix}`,
  };
}
