import { DEEP_JSON_DEPTH } from './deep-json';

const STRING = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"?/y;

/**
 * Re-indents JSON text without parsing it, so what the token holds is shown exactly:
 * big numbers, key order and escapes survive. Input that is not JSON comes back unchanged.
 * Indentation stops growing past `DEEP_JSON_DEPTH` levels, so the output stays linear in the input however deep it nests.
 */
export function formatJson(text: string, indent = 2): string {
  let out = '';
  let depth = 0;
  const newline = () => `\n${' '.repeat(Math.min(depth, DEEP_JSON_DEPTH) * indent)}`;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    switch (c) {
      case '"': {
        // One native search per string: long claim values are copied, not walked.
        STRING.lastIndex = i;
        const match = STRING.exec(text);
        const end = match ? i + match[0].length : text.length;
        out += text.slice(i, end);
        i = end - 1;
        break;
      }
      case '{':
      case '[': {
        const close = c === '{' ? '}' : ']';
        let j = i + 1;
        while (j < text.length && /\s/.test(text[j] as string)) j++;
        if (text[j] === close) {
          out += c + close;
          i = j;
        } else {
          depth++;
          out += c + newline();
        }
        break;
      }
      case '}':
      case ']':
        depth = Math.max(0, depth - 1);
        out += newline() + c;
        break;
      case ',':
        out += c + newline();
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\n':
      case '\r':
      case '\t':
        break;
      default:
        out += c;
    }
  }
  return out;
}
