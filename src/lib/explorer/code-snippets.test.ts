import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlSnippet, nodeSnippet, requestHeaders, requestUrl, shellQuote } from './code-snippets';
import type { FormRequest } from './request-form';

const BASE = 'http://127.0.0.1:4001/';
const patch: FormRequest = { method: 'PATCH', path: '/api/v2/users/auth0|alice', body: { user_metadata: { note: "it's <ok> $HOME `x`" } } };
const list: FormRequest = { method: 'GET', path: '/api/v2/users', query: { q: 'email:"a b"', fields: ['email', 'name'] } };

describe('requestUrl', () => {
  it('joins the base and the path, and encodes the query with repeated names for arrays', () => {
    expect(requestUrl(BASE, list)).toBe('http://127.0.0.1:4001/api/v2/users?q=email%3A%22a+b%22&fields=email&fields=name');
    expect(requestUrl('http://127.0.0.1:4002/', { path: '/appointments' })).toBe('http://127.0.0.1:4002/appointments');
  });
});

describe('requestHeaders', () => {
  it('lists what will be sent, with a placeholder for the token', () => {
    expect(requestHeaders(patch)).toEqual([['Authorization', 'Bearer $TOKEN'], ['Accept', 'application/json'], ['Content-Type', 'application/json']]);
    expect(requestHeaders(list, { withToken: false })).toEqual([['Accept', 'application/json']]);
  });
});

describe('shellQuote', () => {
  it('gives bash back exactly the value, whatever it holds', () => {
    for (const value of ["it's", '$TOKEN `id` $(id) "x" \\ \n!', '']) {
      expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
    }
  });
});

describe('curlSnippet', () => {
  it('reads the token from $TOKEN and quotes the URL and the body', () => {
    expect(curlSnippet({ baseUrl: BASE, request: patch })).toBe(
      [
        "curl --request PATCH 'http://127.0.0.1:4001/api/v2/users/auth0|alice'",
        '--header "Authorization: Bearer $TOKEN"',
        "--header 'Accept: application/json'",
        "--header 'Content-Type: application/json'",
        `--data-raw '{"user_metadata":{"note":"it'\\''s <ok> $HOME \`x\`"}}'`,
      ].join(' \\\n  '),
    );
  });

  it('is a command that bash parses into the intended arguments', () => {
    const snippet = curlSnippet({ baseUrl: BASE, request: patch }).replace(/^curl/, 'printf "%s\\n"');
    const args = execFileSync('bash', ['-c', snippet], { encoding: 'utf8', env: { TOKEN: 'placeholder-value' } }).trimEnd().split('\n');
    expect(args).toEqual([
      '--request',
      'PATCH',
      'http://127.0.0.1:4001/api/v2/users/auth0|alice',
      '--header',
      'Authorization: Bearer placeholder-value',
      '--header',
      'Accept: application/json',
      '--header',
      'Content-Type: application/json',
      '--data-raw',
      JSON.stringify(patch.body),
    ]);
  });

  it('sends GET without --request, and no Authorization when asked', () => {
    expect(curlSnippet({ baseUrl: BASE, request: list, withToken: false })).toBe(
      "curl 'http://127.0.0.1:4001/api/v2/users?q=email%3A%22a+b%22&fields=email&fields=name' \\\n  --header 'Accept: application/json'",
    );
  });
});

describe('nodeSnippet', () => {
  it('reads the token from process.env.TOKEN and sends the JSON body', () => {
    const snippet = nodeSnippet({ baseUrl: BASE, request: patch });
    expect(snippet).toContain('Authorization: `Bearer ${process.env.TOKEN}`,');
    expect(snippet).toContain('const response = await fetch("http://127.0.0.1:4001/api/v2/users/auth0|alice", {');
    expect(snippet).toContain('method: "PATCH"');
    expect(snippet).toContain('body: JSON.stringify({\n    "user_metadata": {');
  });

  it('is a module that runs and sends what the form built', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const fakeFetch = async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return new Response('{}', { status: 200 });
    };
    const body = nodeSnippet({ baseUrl: BASE, request: patch }).replace('// Save as call.mjs, then: TOKEN=… node call.mjs', '').replace('console.log(', 'void (');
    const run = new Function('fetch', 'process', `return (async () => { ${body} })();`) as (f: typeof fakeFetch, p: unknown) => Promise<void>;
    await run(fakeFetch, { env: { TOKEN: 'placeholder-value' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('http://127.0.0.1:4001/api/v2/users/auth0|alice');
    expect(sent[0]?.init).toMatchObject({ method: 'PATCH', headers: { Authorization: 'Bearer placeholder-value', 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual(patch.body);
  });
});
