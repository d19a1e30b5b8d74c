/** One clean-up applied to pasted input; each becomes an `input-cleaned` finding. */
export interface InputFix {
  kind: 'bearer-prefix' | 'authorization-header' | 'quotes' | 'whitespace' | 'line-breaks' | 'url-parameter';
  description: string;
}

export interface CleanedInput {
  token: string;
  fixes: InputFix[];
}

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [['"', '"'], ["'", "'"], ['`', '`'], ['\u201c', '\u201d']];

/** Forgives what people paste around a token: an Authorization header, `Bearer `, quotes, spaces and line breaks. Says what it changed. */
export function cleanTokenInput(raw: string): CleanedInput {
  const fixes: InputFix[] = [];
  let text = raw;

  const trimmed = text.trim();
  if (trimmed !== text && trimmed.length > 0) fixes.push({ kind: 'whitespace', description: 'Removed surrounding whitespace.' });
  text = trimmed;

  for (let pass = 0; pass < 3; pass++) {
    const header = /^authorization\s*:\s*/i.exec(text);
    if (header) {
      text = text.slice(header[0].length).trim();
      fixes.push({ kind: 'authorization-header', description: 'Removed an "Authorization:" header name.' });
    }
    const bearer = /^bearer\s+/i.exec(text);
    if (bearer) {
      text = text.slice(bearer[0].length).trim();
      fixes.push({ kind: 'bearer-prefix', description: 'Removed the "Bearer " prefix.' });
    }
    // A value may be broken across lines (a wrapped callback URL): its line breaks go with the others below.
    const param = /^(?:[#?&])?(?:access_token|id_token|token)=((?:[^&\s]|[\r\n])*)(?:&.*)?$/s.exec(text);
    if (param) {
      text = decodeURIComponentSafe(param[1] ?? '');
      fixes.push({ kind: 'url-parameter', description: 'Took the token out of a URL parameter.' });
    }
    const pair = QUOTE_PAIRS.find(([open, close]) => text.length >= 2 && text.startsWith(open) && text.endsWith(close));
    if (pair) {
      text = text.slice(pair[0].length, text.length - pair[1].length).trim();
      fixes.push({ kind: 'quotes', description: 'Removed surrounding quotes.' });
    }
    if (!header && !bearer && !param && !pair) break;
  }

  if (/[\r\n]/.test(text)) {
    text = text.replace(/[\r\n]+/g, '');
    fixes.push({ kind: 'line-breaks', description: 'Removed line breaks inside the token.' });
  }
  if (/\s/.test(text)) {
    text = text.replace(/\s+/g, '');
    fixes.push({ kind: 'whitespace', description: 'Removed spaces inside the token.' });
  }
  return { token: text, fixes };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
