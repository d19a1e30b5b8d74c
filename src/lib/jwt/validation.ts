import { isHmacAlg } from './algorithms';
import type { JwsAlg } from './algorithms';
import type { DecodeResult } from './decode';
import { stringifyJson } from './deep-json';
import { humanizeDuration, isNumericDate } from './time';
import type { Verdict } from './verify';

/** What a verifier expects; mirrors the options of jose's jwtVerify. */
export interface ValidationProfile {
  issuer: string;
  audience: string;
  algorithms: JwsAlg[];
  /** Seconds of leeway for exp/nbf/iat. */
  clockTolerance: number;
  /** Where the issuer publishes its keys, when known from discovery. */
  jwksUri?: string;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface ValidationLine {
  check: 'signature' | 'alg' | 'iss' | 'aud' | 'exp' | 'nbf' | 'iat';
  status: CheckStatus;
  text: string;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/** RFC 7519 §7.2 and RFC 8725 §3: one pass/fail line per expectation. */
export function validateAgainstProfile(decoded: DecodeResult, verdict: Verdict | undefined, profile: ValidationProfile, now: number): ValidationLine[] {
  const claims = decoded.kind === 'jws' ? decoded.claims : undefined;
  const header = decoded.kind === 'jws' ? decoded.header : undefined;
  const lines: ValidationLine[] = [];
  lines.push(verdict?.kind === 'verified'
    ? { check: 'signature', status: 'pass', text: 'Signature: verified.' }
    : { check: 'signature', status: 'fail', text: `Signature: ${verdict ? verdict.text : 'not checked yet'}` });

  const alg = header?.alg;
  if (profile.algorithms.length === 0) lines.push({ check: 'alg', status: 'skip', text: 'Algorithm: no allowlist set (a verifier must always have one).' });
  else lines.push(typeof alg === 'string' && (profile.algorithms as string[]).includes(alg)
    ? { check: 'alg', status: 'pass', text: `Algorithm: ${alg} is in the allowlist.` }
    : { check: 'alg', status: 'fail', text: `Algorithm: ${stringifyJson(alg)} is not in the allowlist (${profile.algorithms.join(', ')}).` });

  const iss = claims?.iss;
  if (profile.issuer === '') lines.push({ check: 'iss', status: 'skip', text: 'Issuer: no expected issuer set.' });
  else if (iss === profile.issuer) lines.push({ check: 'iss', status: 'pass', text: `Issuer: "${profile.issuer}" matches.` });
  else {
    const slash = typeof iss === 'string' && iss.replace(/\/$/, '') === profile.issuer.replace(/\/$/, '') ? ' They differ only by the trailing slash, which counts: Auth0 issuers end with "/".' : '';
    lines.push({ check: 'iss', status: 'fail', text: `Issuer: expected "${profile.issuer}", the token has ${stringifyJson(iss)}.${slash}` });
  }

  const audiences = asList(claims?.aud);
  if (profile.audience === '') lines.push({ check: 'aud', status: 'skip', text: 'Audience: no expected audience set.' });
  else if (audiences.includes(profile.audience)) lines.push({ check: 'aud', status: 'pass', text: `Audience: includes "${profile.audience}".` });
  else lines.push({ check: 'aud', status: 'fail', text: `Audience: expected "${profile.audience}", the token has ${stringifyJson(claims?.aud)}.` });

  const tolerance = profile.clockTolerance;
  const exp = claims?.exp;
  if (!isNumericDate(exp)) lines.push({ check: 'exp', status: 'fail', text: 'Expiry: no numeric "exp"; jwtVerify accepts that unless you require it (requiredClaims: ["exp"]).' });
  else if (now - tolerance < exp) lines.push({ check: 'exp', status: 'pass', text: `Expiry: not expired (with ${tolerance} s tolerance).` });
  else lines.push({ check: 'exp', status: 'fail', text: `Expiry: expired ${humanizeDuration(now - exp)} ago, beyond the ${tolerance} s tolerance.` });

  const nbf = claims?.nbf;
  if (nbf === undefined) lines.push({ check: 'nbf', status: 'skip', text: 'Not before: no "nbf".' });
  else if (isNumericDate(nbf) && now + tolerance >= nbf) lines.push({ check: 'nbf', status: 'pass', text: 'Not before: already valid.' });
  else lines.push({ check: 'nbf', status: 'fail', text: isNumericDate(nbf) ? `Not before: valid only in ${humanizeDuration(nbf - now)}.` : '"nbf" is not a NumericDate.' });

  const iat = claims?.iat;
  if (iat === undefined) lines.push({ check: 'iat', status: 'skip', text: 'Issued at: no "iat".' });
  else if (isNumericDate(iat) && iat <= now + tolerance) lines.push({ check: 'iat', status: 'pass', text: 'Issued at: in the past.' });
  else lines.push({ check: 'iat', status: 'fail', text: isNumericDate(iat) ? `Issued at: ${humanizeDuration(iat - now)} in the future (clock skew?).` : '"iat" is not a NumericDate.' });
  return lines;
}

const js = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

function jwksUriFor(profile: ValidationProfile): string {
  if (profile.jwksUri) return profile.jwksUri;
  if (profile.issuer === '') return 'https://YOUR_ISSUER/.well-known/jwks.json';
  return `${profile.issuer.replace(/\/?$/, '/')}.well-known/jwks.json`;
}

/** The same checks, as code with jose's jwtVerify. Secrets are read from the environment, never inlined. */
export function joseSnippet(profile: ValidationProfile): string {
  const symmetric = profile.algorithms.length > 0 && profile.algorithms.every(isHmacAlg);
  const options = [
    profile.issuer ? `  issuer: ${js(profile.issuer)},` : undefined,
    profile.audience ? `  audience: ${js(profile.audience)},` : undefined,
    `  algorithms: [${(profile.algorithms.length ? profile.algorithms : ['RS256']).map(js).join(', ')}],`,
    profile.clockTolerance ? `  clockTolerance: ${profile.clockTolerance},` : undefined,
    `  requiredClaims: ['exp'],`,
  ].filter(Boolean);
  const key = symmetric
    ? `const key = new TextEncoder().encode(process.env.JWT_SECRET);`
    : `// The issuer's keys, from "jwks_uri" in its discovery document.\nconst key = createRemoteJWKSet(new URL(${js(jwksUriFor(profile))}));`;
  return [
    `import { ${symmetric ? '' : 'createRemoteJWKSet, '}jwtVerify } from 'jose';`,
    '',
    key,
    '',
    `const { payload, protectedHeader } = await jwtVerify(token, key, {`,
    ...options,
    `});`,
    '',
  ].join('\n');
}

/** The same checks as Express middleware with express-oauth2-jwt-bearer. */
export function expressSnippet(profile: ValidationProfile): string {
  const alg = profile.algorithms[0] ?? 'RS256';
  const symmetric = isHmacAlg(alg);
  const lines = [
    `import express from 'express';`,
    `import { auth } from 'express-oauth2-jwt-bearer';`,
    '',
    `const app = express();`,
    '',
    `app.use(auth({`,
    profile.issuer ? `  issuerBaseURL: ${js(profile.issuer)},` : `  issuerBaseURL: 'https://YOUR_ISSUER/',`,
    profile.audience ? `  audience: ${js(profile.audience)},` : `  audience: 'YOUR_API_IDENTIFIER',`,
    `  tokenSigningAlg: ${js(alg)},`,
    symmetric ? `  secret: process.env.JWT_SECRET,` : undefined,
    profile.clockTolerance ? `  clockTolerance: ${profile.clockTolerance},` : undefined,
    `}));`,
  ].filter((line): line is string => line !== undefined);
  if (profile.algorithms.length > 1) lines.push('', `// express-oauth2-jwt-bearer accepts one tokenSigningAlg; the allowlist also has ${profile.algorithms.slice(1).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
