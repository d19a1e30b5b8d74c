import type { FormRequest } from './request-form';

/**
 * "Copy as curl" and "Copy as Node": the request with the token left out. The snippets read it from `$TOKEN`
 * (or `process.env.TOKEN`), so a copied snippet never carries a credential.
 */

/** Where the path is resolved: the issuer's origin for the Management API (`http://127.0.0.1:4001`), or an API's base URL. */
export interface SnippetTarget {
  baseUrl: string;
  request: FormRequest;
  /** False sends no Authorization header (to show the API's 401). */
  withToken?: boolean;
}

/** The full URL the request goes to: base, path, then the query (repeated names for arrays). */
export function requestUrl(baseUrl: string, request: Pick<FormRequest, 'path' | 'query'>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item);
  }
  const search = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${request.path}${search ? `?${search}` : ''}`;
}

/** The headers the request will carry (RFC 6750 §2.1 for Authorization), with a placeholder in place of the token. */
export function requestHeaders(request: FormRequest, { withToken = true, tokenPlaceholder = '$TOKEN' } = {}): [name: string, value: string][] {
  const headers: [string, string][] = [];
  if (withToken) headers.push(['Authorization', `Bearer ${tokenPlaceholder}`]);
  headers.push(['Accept', 'application/json']);
  if (request.body !== undefined) headers.push(['Content-Type', 'application/json']);
  return headers;
}

/** A POSIX shell word that stands for exactly `value`: single quotes, and `'\''` for each quote inside. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `curl` command for the request; the token comes from the shell variable `$TOKEN`. */
export function curlSnippet({ baseUrl, request, withToken = true }: SnippetTarget): string {
  const lines = [`curl${request.method === 'GET' ? '' : ` --request ${request.method}`} ${shellQuote(requestUrl(baseUrl, request))}`];
  for (const [name, value] of requestHeaders(request, { withToken })) {
    // Double quotes here only, so that the shell expands $TOKEN; the rest of the header is a constant.
    lines.push(name === 'Authorization' ? `--header "Authorization: Bearer $TOKEN"` : `--header ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) lines.push(`--data-raw ${shellQuote(JSON.stringify(request.body))}`);
  return lines.join(' \\\n  ');
}

/** A Node 18+ ES module that sends the request with `fetch`, the token read from `process.env.TOKEN`. */
export function nodeSnippet({ baseUrl, request, withToken = true }: SnippetTarget): string {
  const headerLines = requestHeaders(request, { withToken }).map(([name, value]) =>
    name === 'Authorization' ? '    Authorization: `Bearer ${process.env.TOKEN}`,' : `    ${JSON.stringify(name)}: ${JSON.stringify(value)},`,
  );
  const options = [`  method: ${JSON.stringify(request.method)},`, '  headers: {', ...headerLines, '  },'];
  if (request.body !== undefined) options.push(`  body: JSON.stringify(${JSON.stringify(request.body, null, 2).replace(/\n/g, '\n  ')}),`);
  return [
    '// Save as call.mjs, then: TOKEN=… node call.mjs',
    `const response = await fetch(${JSON.stringify(requestUrl(baseUrl, request))}, {`,
    ...options,
    '});',
    'console.log(response.status, await response.text());',
  ].join('\n');
}
