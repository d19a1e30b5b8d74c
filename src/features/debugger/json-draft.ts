import { readJson } from '../../lib/jwt/json-text';

export interface DraftError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

/** Why an edited header/payload cannot be encoded yet; the text itself is always kept. */
export function draftError(text: string, part: 'header' | 'payload'): DraftError | null {
  if (part === 'payload' && !/^\s*[[{"]/.test(text)) return null;
  const result = readJson(text);
  if (!result.ok) return { offset: result.offset, line: result.line, column: result.column, message: result.message };
  if (part === 'header' && (typeof result.value !== 'object' || result.value === null || Array.isArray(result.value))) {
    return { offset: 0, line: 1, column: 1, message: 'The header must be a JSON object' };
  }
  return null;
}
