import type { Observed } from './observations';

/** What a step's links are built from: the demo tenant's issuer (null while unknown) and the lesson's example material. */
export interface LessonContext {
  /** The demo tenant's issuer, with its trailing slash: `http://127.0.0.1:4001/`. */
  issuer: string | null;
  /** Example-only material the lesson made in this browser (a legacy token, an assertion), by id; absent while it is made. */
  materials: Readonly<Record<string, string>>;
}

/** A link that opens a tool with its state prefilled, by deep link (query or fragment). */
export interface StepLink {
  label: string;
  /** The in-app target, or null while the context lacks what it needs. */
  to: (context: LessonContext) => string | null;
  /**
   * Hands a token of this tab to the tool in memory, never in the URL: the newest user access token for `audience`
   * goes to the Re-issue panel.
   */
  handoff?: { kind: 'reissue'; audience: string };
}

export interface LessonStep {
  /** Stable: progress is stored under it. */
  id: string;
  title: string;
  /** What to do, in order. */
  actions: readonly string[];
  links: readonly StepLink[];
  /** Turns the step ✓: a pure judgement of what the tools observed. */
  check: (observations: readonly Observed[]) => boolean;
  /** What the outcome means, shown beside the step. */
  lesson: string;
}

/** Example-only material a lesson makes in the browser, shown with a warning that it is not a real credential. */
export interface MaterialSpec {
  id: string;
  label: string;
  make: (context: { issuer: string; now: number }) => Promise<string>;
}

export interface Lesson {
  /** The URL segment: `/learn/<id>`. */
  id: string;
  title: string;
  /** One line for the list. */
  summary: string;
  /** What went wrong, in our own words. */
  story: readonly string[];
  materials: readonly MaterialSpec[];
  steps: readonly LessonStep[];
}

/** `/explorer?endpoint=METHOD%20/path`: the explorer's own deep link (a filled-in path fills the path parameters). */
export function explorerLink(endpoint: string): string {
  return `/explorer?endpoint=${encodeURIComponent(endpoint)}`;
}

/** `/authorize?profile=…&audience=…&scope=…`: the builder, prefilled for a profile. */
export function authorizeLink(profile: string, { audience, scope }: { audience?: string; scope: string }): string {
  const params = new URLSearchParams({ profile, ...(audience ? { audience } : {}), scope });
  return `/authorize?${params.toString()}`;
}

/** The Management API of the demo tenant: `{issuer}api/v2/`. */
export function managementApiOf(issuer: string): string {
  return `${issuer}api/v2/`;
}

export const DEMO_API = 'https://api.demo.test/';

/** Is every one of `wanted` in `held`? */
export function holdsAll(held: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((scope) => held.includes(scope));
}

/** Same scopes, any order. */
export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && holdsAll(a, b);
}
