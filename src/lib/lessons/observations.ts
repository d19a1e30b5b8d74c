import { MANAGEMENT_API_KEY } from '../catalog/api-model';
import type { ApiDefinition, ApiOperation } from '../catalog/api-model';
import type { TokenInputKind, TokenUse, UnverifiedTokenFacts } from '../catalog/token-facts';
import { explainResponse } from '../explorer/explain-response';
import { decodeToken } from '../jwt/decode';
import { splitScope } from '../oauth/scope';

/**
 * What a learner did in a tool, as much as a lesson step needs to judge it and no more: never a token, a secret or a
 * claim value beyond scopes, audiences and ids. Tools publish these; lesson steps read them.
 */
export type Observation =
  | {
      kind: 'api-call';
      /** 'management' for the Management API, else the API identifier. */
      api: string;
      /** The catalog operation, `METHOD /template`, when the explorer knew it. */
      operation: string | null;
      method: string;
      path: string;
      status: number;
      /** The explorer's diagnosis code (`ID_TOKEN`, `OPAQUE_TOKEN`, `MISSING_SCOPE`, …), null for a success. */
      diagnosis: string | null;
      /** How the call was authorized: a token the learner chose, one the profile minted for this call, or none. */
      credential: 'own-token' | 'minted-for-call' | 'none';
      tokenKind: TokenInputKind | null;
      tokenUse: TokenUse | null;
      userBound: boolean | null;
      scopes: string[];
    }
  | { kind: 'signature-checked'; alg: string | null; verified: boolean; secretEncoding: string }
  | { kind: 'findings-shown'; ids: string[] }
  | { kind: 'pitfalls-shown'; ids: string[] }
  | { kind: 'signed-in'; clientId: string; audience: string | null; accessTokenOpaque: boolean; granted: string[]; dropped: string[] }
  | { kind: 'authorization-refused'; error: string; description: string }
  | { kind: 'token-minted'; profile: string; audience: string | null; scopes: string[]; expiresIn: number | null }
  | { kind: 'introspected'; profile: string; active: boolean; tokenType: string | null; hasUsername: boolean }
  | { kind: 'reissued'; method: 'token-exchange' | 'client-credentials'; scopes: string[]; userKept: boolean }
  | { kind: 'assertion-linted'; errors: string[]; warnings: string[] }
  | { kind: 'scopes-resolved'; tokenKind: string; endpoints: string[]; scopes: string[] };

/** An observation with its place in the order things happened, so that a step can ask "after that". */
export type Observed = Observation & { seq: number };

export type ObservationOf<K extends Observation['kind']> = Extract<Observed, { kind: K }>;

/** The observations of one kind, oldest first. */
export function observationsOf<K extends Observation['kind']>(observations: readonly Observed[], kind: K): ObservationOf<K>[] {
  return observations.filter((o): o is ObservationOf<K> => o.kind === kind);
}

/** What the explorer knew about a call it sent, structurally (the explorer's own types live in its feature). */
export interface ExplorerCallOutcome {
  sent: { api: ApiDefinition; operation: ApiOperation | null; facts: UnverifiedTokenFacts | null; request: { method: string; path: string; api?: string | undefined; mintScope?: string | undefined } };
  response: { status: number; headers: Readonly<Record<string, string>>; body: unknown };
}

/** An explorer call and its answer, with the explorer's own diagnosis of it. */
export function apiCallObservation({ sent, response }: ExplorerCallOutcome, now: Date = new Date()): Observation {
  const diagnosis = explainResponse(response, { api: sent.api, operation: sent.operation, facts: sent.facts, now });
  return {
    kind: 'api-call',
    api: sent.api.key === MANAGEMENT_API_KEY ? 'management' : (sent.request.api ?? sent.api.key),
    operation: sent.operation ? `${sent.operation.method} ${sent.operation.path}` : null,
    method: sent.request.method,
    path: sent.request.path,
    status: response.status,
    diagnosis: diagnosis?.code ?? null,
    credential: sent.request.mintScope !== undefined ? 'minted-for-call' : sent.facts ? 'own-token' : 'none',
    tokenKind: sent.facts?.kind ?? null,
    tokenUse: sent.facts?.use ?? null,
    userBound: sent.facts?.userBound ?? null,
    scopes: sent.facts?.scopes ?? [],
  };
}

/** A re-issued token compared with the one it came from: its scopes, and whether it still names the same user. */
export function reissuedObservation(method: 'token-exchange' | 'client-credentials', subjectToken: string, reissuedToken: string): Observation {
  const claimsOf = (token: string) => {
    const decoded = decodeToken(token.trim());
    return decoded.kind === 'jws' ? decoded.claims : undefined;
  };
  const before = claimsOf(subjectToken);
  const after = claimsOf(reissuedToken);
  const scope = after?.scope;
  return {
    kind: 'reissued',
    method,
    scopes: typeof scope === 'string' ? splitScope(scope) : [],
    userKept: before?.sub !== undefined && before.sub === after?.sub,
  };
}

/** An introspection answer (RFC 7662 §2.2): whether it was active, of what type, and whether it named a user. */
export function introspectedObservation(profile: string, answer: { active: boolean; token_type?: string | undefined; username?: string | undefined } | null): Observation | null {
  if (!answer) return null;
  return { kind: 'introspected', profile, active: answer.active, tokenType: answer.token_type ?? null, hasUsername: Boolean(answer.username) };
}

/** The assertion linter's verdicts, as rule ids by severity. */
export function assertionLintedObservation(results: readonly { id: string; severity: string }[] | undefined): Observation | null {
  if (!results) return null;
  return {
    kind: 'assertion-linted',
    errors: results.filter((r) => r.severity === 'error').map((r) => r.id),
    warnings: results.filter((r) => r.severity === 'warning').map((r) => r.id),
  };
}
