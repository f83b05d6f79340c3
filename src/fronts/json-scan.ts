import { refuse } from '../core/refusal.js';

/*
 * A strict JSON checker that builds nothing, working on the file's UTF-8 bytes (every character
 * JSON's structure uses is ASCII). An export file can hold far more than front history (a Simply
 * Plural export carries every collection of the account: chat, notes, polls…), so the file is
 * checked once without decoding or allocating; then only the parts an import needs are decoded
 * and parsed, one entry at a time. The whole file never becomes a JavaScript string (which would
 * take twice its size once a single emoji is in it). It is iterative, so no nesting can exhaust
 * the stack, and it refuses nesting deeper than a limit no real export comes near.
 */

export interface JsonSpan {
  /** The member name when the scanned value is an object; null for array elements. */
  key: string | null;
  /** Byte offsets. */
  start: number;
  end: number;
}

export interface JsonScan {
  kind: 'object' | 'array' | 'string' | 'number' | 'literal';
  /** How many members or elements the scanned value has. */
  childCount: number;
  /** Where each member or element lies, up to `maxChildren` of them. */
  children: JsonSpan[];
}

export interface JsonScanOptions {
  maxDepth: number;
  /** Spans beyond this many are counted, not kept, so a hostile array cannot fill memory. */
  maxChildren: number;
}

const OBJECT = 1;
const ARRAY = 2;

const EXPECT_VALUE = 0;
const EXPECT_VALUE_OR_CLOSE = 1;
const EXPECT_KEY = 2;
const EXPECT_KEY_OR_CLOSE = 3;
const AFTER_VALUE = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
/** What may follow a backslash besides `u` and four hex digits: " \ / b f n r t. */
const SIMPLE_ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];
const LITERALS = ['true', 'false', 'null'].map((literal) => Buffer.from(literal));

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** Text of a span of UTF-8 bytes. */
export function decodeSpan(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/** Line and column (from 1, in characters) of a byte offset, for the one error message. */
export function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1 && i < offset; i = bytes.indexOf(NEWLINE, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: [...decodeSpan(bytes, lineStart, offset)].length + 1 };
}

/**
 * Checks that `bytes[from, to)` is exactly one JSON value (surrounding whitespace allowed) and
 * returns where its direct members or elements lie. The bytes must be valid UTF-8 (checked
 * before). Refuses `import.not-json` (with the line and column of the first error) or
 * `import.too-deep`.
 */
export function scanJson(bytes: Uint8Array, from: number, to: number, options: JsonScanOptions): JsonScan {
  const fail = (offset: number): never => refuse('import.not-json', { at: positionOf(bytes, Math.min(offset, to)) });
  const stack: number[] = [];
  const children: JsonSpan[] = [];
  let childCount = 0;
  let kind: JsonScan['kind'] | null = null;
  let childKey: string | null = null;
  let childStart = -1;
  let state = EXPECT_VALUE;
  let i = from;
  /** The byte at `j`, or -1 past the end of the range (the bytes may go on beyond it). */
  const at = (j: number): number => (j < to ? bytes[j]! : -1);

  const skipWhitespace = (): void => {
    while (isWhitespace(at(i))) i++;
  };

  /** Moves past the string that starts at `i`. Bytes of multi-byte characters are all ≥ 0x80. */
  const skipString = (): void => {
    i++;
    for (;;) {
      const code = i < to ? bytes[i]! : -1;
      if (code === QUOTE) {
        i++;
        return;
      }
      if (code >= 0x20 && code !== BACKSLASH) {
        i++;
        continue;
      }
      if (code !== BACKSLASH) fail(i);
      const escaped = at(i + 1);
      if (SIMPLE_ESCAPES.includes(escaped)) i += 2;
      else if (escaped === 0x75 /* u */) {
        for (let k = 2; k < 6; k++) if (!isHexDigit(at(i + k))) fail(i + k);
        i += 6;
      } else fail(i + 1);
    }
  };

  const skipDigits = (): void => {
    if (!isDigit(at(i))) fail(i);
    while (isDigit(at(i))) i++;
  };

  const skipNumber = (): void => {
    if (at(i) === 0x2d /* - */) i++;
    if (at(i) === 0x30 /* 0 */) i++;
    else skipDigits();
    if (at(i) === 0x2e /* . */) {
      i++;
      skipDigits();
    }
    const exponent = at(i);
    if (exponent === 0x65 || exponent === 0x45) {
      i++;
      const sign = at(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      skipDigits();
    }
  };

  const skipLiteral = (): boolean => {
    for (const literal of LITERALS) {
      if (i + literal.length <= to && literal.every((code, k) => bytes[i + k] === code)) {
        i += literal.length;
        return true;
      }
    }
    return false;
  };

  /** A value just ended at `i`; when it is a direct child of the scanned value, note where it lies. */
  const valueEnded = (): void => {
    if (stack.length !== 1) return;
    childCount++;
    if (children.length < options.maxChildren) children.push({ key: childKey, start: childStart, end: i });
    childKey = null;
  };

  const open = (container: number): void => {
    stack.push(container);
    if (stack.length > options.maxDepth) refuse('import.too-deep', { maxDepth: options.maxDepth });
    i++;
    state = container === OBJECT ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
  };

  const close = (): void => {
    stack.pop();
    i++;
    state = AFTER_VALUE;
    valueEnded();
  };

  for (;;) {
    skipWhitespace();
    if (state === AFTER_VALUE) {
      const container = stack.at(-1);
      if (container === undefined) {
        if (i < to) fail(i);
        return { kind: kind!, childCount, children };
      }
      const code = at(i);
      if (code === 0x2c /* , */) {
        i++;
        state = container === OBJECT ? EXPECT_KEY : EXPECT_VALUE;
      } else if ((code === 0x7d /* } */ && container === OBJECT) || (code === 0x5d /* ] */ && container === ARRAY)) close();
      else fail(i);
      continue;
    }
    if (state === EXPECT_KEY || state === EXPECT_KEY_OR_CLOSE) {
      if (state === EXPECT_KEY_OR_CLOSE && at(i) === 0x7d) {
        close();
        continue;
      }
      if (at(i) !== QUOTE) fail(i);
      const keyStart = i;
      skipString();
      if (stack.length === 1) childKey = JSON.parse(decodeSpan(bytes, keyStart, i)) as string;
      skipWhitespace();
      if (at(i) !== 0x3a /* : */) fail(i);
      i++;
      state = EXPECT_VALUE;
      continue;
    }
    // EXPECT_VALUE or EXPECT_VALUE_OR_CLOSE
    const code = at(i);
    if (state === EXPECT_VALUE_OR_CLOSE && code === 0x5d) {
      close();
      continue;
    }
    if (stack.length === 1) childStart = i;
    if (code === 0x7b /* { */) {
      kind ??= 'object';
      open(OBJECT);
      continue;
    }
    if (code === 0x5b /* [ */) {
      kind ??= 'array';
      open(ARRAY);
      continue;
    }
    if (code === QUOTE) {
      kind ??= 'string';
      skipString();
    } else if (code === 0x2d || isDigit(code)) {
      kind ??= 'number';
      skipNumber();
    } else if (skipLiteral()) kind ??= 'literal';
    else fail(i);
    state = AFTER_VALUE;
    valueEnded();
  }
}
