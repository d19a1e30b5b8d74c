/**
 * Walks over parsed JSON with an explicit stack, never by recursion: a 26 KB token can nest 10,000 levels deep, and
 * every recursive walk (V8's own `JSON.stringify` included) overflows the call stack at a few thousand.
 */

/** Nesting deeper than this is reported by the `deep-json` finding, and the editors stop indenting past it. */
export const DEEP_JSON_DEPTH = 100;

/** How many arrays and objects deep a JSON value nests: 0 for a scalar, 1 for `{}` or `[1]`. */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    if (node === null || typeof node !== 'object') continue;
    max = Math.max(max, depth + 1);
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}

type Frame = { close: ']'; items: readonly unknown[]; next: number } | { close: '}'; entries: Array<[string, unknown]>; next: number };

/**
 * `JSON.stringify(value)` (compact) for values that came from `JSON.parse`, at any depth; `undefined` gives "undefined".
 * Native `JSON.stringify` is tried first for speed: it only fails (RangeError) on deep nesting.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (node: unknown): void => {
    if (Array.isArray(node)) {
      out.push('[');
      stack.push({ close: ']', items: node, next: 0 });
    } else if (node !== null && typeof node === 'object') {
      out.push('{');
      stack.push({ close: '}', entries: Object.entries(node).filter(([, v]) => v !== undefined), next: 0 });
    } else {
      out.push(JSON.stringify(node) ?? 'null');
    }
  };
  open(value);
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    const count = frame.close === ']' ? frame.items.length : frame.entries.length;
    if (frame.next === count) {
      out.push(frame.close);
      stack.pop();
      continue;
    }
    if (frame.next > 0) out.push(',');
    if (frame.close === ']') {
      open(frame.items[frame.next++]);
    } else {
      const [key, child] = frame.entries[frame.next++] as [string, unknown];
      out.push(JSON.stringify(key), ':');
      open(child);
    }
  }
  return out.join('');
}
