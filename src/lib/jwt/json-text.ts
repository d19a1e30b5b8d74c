/** Result of reading JSON text strictly (RFC 8259), with positions a user can act on. */
export type JsonReadResult =
  | { ok: true; value: unknown; duplicateKeys: string[] }
  | { ok: false; message: string; offset: number; line: number; column: number };

// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters (RFC 8259 §7): the scanner stops on them
const STRING_STOP = /["\\\u0000-\u001f]/g;

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface OpenContainer {
  close: '}' | ']';
  /** An object's member names so far. */
  names?: Set<string>;
}

/** Walks RFC 8259 JSON without building values: finds the first syntax error and every duplicate member name. */
class Scanner {
  private i = 0;
  readonly duplicates: string[] = [];
  constructor(private readonly s: string) {}

  run(): void {
    this.ws();
    this.value();
    this.ws();
    if (this.i < this.s.length) this.fail(`Unexpected ${this.describe()} after the JSON value`);
  }

  private describe(): string {
    if (this.i >= this.s.length) return 'end of input';
    return `character ${JSON.stringify(this.s[this.i])}`;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.i);
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  /** Open arrays and objects live on an explicit stack, not the call stack: nesting depth is bounded by memory only. */
  private value(): void {
    const open: OpenContainer[] = [];
    for (;;) {
      const c = this.s[this.i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        this.i++;
        this.ws();
        if (this.s[this.i] !== close) {
          const container: OpenContainer = c === '{' ? { close, names: new Set<string>() } : { close };
          open.push(container);
          if (container.names) this.memberName(container.names);
          continue;
        }
        this.i++;
      } else {
        this.scalar();
      }
      // A value is complete: close every container it ends, or step to the next item.
      for (;;) {
        const container = open.at(-1);
        if (!container) return;
        this.ws();
        const d = this.s[this.i];
        this.i++;
        if (d === container.close) {
          open.pop();
          continue;
        }
        if (d !== ',') {
          this.i--;
          this.fail(`Unexpected ${this.describe()}, expected ',' or '${container.close}'`);
        }
        this.ws();
        if (container.names) this.memberName(container.names);
        break;
      }
    }
  }

  private scalar(): void {
    const c = this.s[this.i];
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.s.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    this.fail(`Unexpected ${this.describe()}, expected a JSON value`);
  }

  /** `"name" :` up to the member's value, noting a repeated name. */
  private memberName(names: Set<string>): void {
    if (this.s[this.i] !== '"') this.fail(`Unexpected ${this.describe()}, expected a member name in double quotes`);
    const key = this.string(true);
    if (names.has(key)) this.duplicates.push(key);
    names.add(key);
    this.ws();
    if (this.s[this.i] !== ':') this.fail(`Unexpected ${this.describe()}, expected ':'`);
    this.i++;
    this.ws();
  }

  /** Scans a string; returns its decoded value only when asked (member names), so long values cost one native search. */
  private string(wantValue = false): string {
    const start = this.i;
    this.i++;
    for (;;) {
      STRING_STOP.lastIndex = this.i;
      const stop = STRING_STOP.exec(this.s);
      if (!stop) {
        this.i = this.s.length;
        this.fail('Unterminated string');
      }
      this.i = stop.index;
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return wantValue ? (JSON.parse(this.s.slice(start, this.i)) as string) : '';
      }
      if (c < 0x20) this.fail('Control character inside a string (escape it)');
      const e = this.s[this.i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('Invalid \\u escape');
        this.i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('Invalid escape sequence');
      this.i += 2;
    }
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!match) this.fail(`Invalid number`);
    this.i += match[0].length;
  }
}

/** How many object members a parsed JSON value holds, at any depth (walked with a stack: deep JSON must not overflow). */
function memberCount(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') pending.push(item);
      continue;
    }
    for (const key in node) {
      count++;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') pending.push(child);
    }
  }
  return count;
}

/** Every member name ends in `"`, optional white space and `:`; strings may add more such matches, never fewer. */
const MEMBER_NAME_END = /"[ \t\n\r]*:/g;

/** Parses JSON text strictly: reports the first error with line and column, and lists duplicate member names (RFC 7515 §5.2). */
export function readJson(text: string): JsonReadResult {
  // Fast path: the native parser accepts exactly RFC 8259 JSON. It keeps the last of repeated names, so when the text
  // has no more name-like `":` than the value has members, nothing repeats and the walk below is not needed.
  let parsed: { value: unknown } | undefined;
  try {
    parsed = { value: JSON.parse(text) as unknown };
  } catch {
    parsed = undefined;
  }
  if (parsed && (text.match(MEMBER_NAME_END)?.length ?? 0) === memberCount(parsed.value)) return { ok: true, value: parsed.value, duplicateKeys: [] };
  const scanner = new Scanner(text);
  try {
    scanner.run();
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line, column } = lineAndColumn(text, error.offset);
      return { ok: false, message: error.message, offset: error.offset, line, column };
    }
    throw error;
  }
  return { ok: true, value: parsed ? parsed.value : (JSON.parse(text) as unknown), duplicateKeys: scanner.duplicates };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
