import type { AuthorizeRequest } from './authorize-url';

/** The form fields of the builder, in display order, with the parameter each one edits. */
const FORM_FIELDS = [
  { param: 'client_id', label: 'Client ID' },
  { param: 'response_type', label: 'Response type' },
  { param: 'response_mode', label: 'Response mode' },
  { param: 'redirect_uri', label: 'Redirect URI' },
  { param: 'scope', label: 'Scope' },
  { param: 'audience', label: 'Audience' },
  { param: 'state', label: 'State' },
  { param: 'nonce', label: 'Nonce' },
  { param: 'prompt', label: 'Prompt' },
  { param: 'max_age', label: 'Max age' },
  { param: 'login_hint', label: 'Login hint' },
  { param: 'organization', label: 'Organization' },
  { param: 'invitation', label: 'Invitation' },
  { param: 'connection', label: 'Connection' },
] as const;


/** Parameters that have their own control (the form fields, and the PKCE checkbox). */
const OWN_CONTROL: ReadonlySet<string> = new Set<string>([...FORM_FIELDS.map((field) => field.param), 'code_challenge', 'code_challenge_method']);

export interface CustomParamRow {
  /** Position in `request.params`, stable for editing. */
  readonly index: number;
  readonly name: string;
  readonly value: string;
}

/**
 * The rows of the custom-parameter list: every parameter without its own control, plus the second and later
 * occurrences of those that have one (so that repeats stay visible and editable).
 */
export function customParamRows(request: AuthorizeRequest): CustomParamRow[] {
  const seen = new Set<string>();
  const rows: CustomParamRow[] = [];
  request.params.forEach((param, index) => {
    const repeat = seen.has(param.name);
    seen.add(param.name);
    if (!OWN_CONTROL.has(param.name) || repeat) rows.push({ index, name: param.name, value: param.value });
  });
  return rows;
}

/** Response types of OAuth 2.0 and OIDC Core §3 (plus `none`), in the order people reach for them. */
export const RESPONSE_TYPES = ['code', 'id_token', 'token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'] as const;

/** Response modes: OAuth 2.0 Multiple Response Types, Form Post, and Auth0's web_message. */
export const RESPONSE_MODES = ['query', 'fragment', 'form_post', 'web_message'] as const;

/** OIDC Core §3.1.2.1 prompt values. */
export const PROMPT_VALUES = ['none', 'login', 'consent', 'select_account'] as const;
