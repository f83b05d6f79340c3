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
  return new JsonScanner(bytes, from, to, options).scan();
}

/** One pass over the bytes: a state machine whose stack holds only container kinds. */
class JsonScanner {
  private readonly stack: number[] = [];
  private readonly children: JsonSpan[] = [];
  private childCount = 0;
  private kind: JsonScan['kind'] | null = null;
  private childKey: string | null = null;
  private childStart = -1;
  private state = EXPECT_VALUE;
  private i: number;

  constructor(
    private readonly bytes: Uint8Array,
    from: number,
    private readonly to: number,
    private readonly options: JsonScanOptions,
  ) {
    this.i = from;
  }

  scan(): JsonScan {
    for (;;) {
      this.skipWhitespace();
      if (this.state === AFTER_VALUE) {
        if (this.stack.length === 0) return this.finish();
        this.afterValue();
      } else if (this.state === EXPECT_KEY || this.state === EXPECT_KEY_OR_CLOSE) this.key();
      else this.value();
    }
  }

  private finish(): JsonScan {
    if (this.i < this.to) this.fail(this.i);
    return { kind: this.kind!, childCount: this.childCount, children: this.children };
  }

  private fail(offset: number): never {
    return refuse('import.not-json', { at: positionOf(this.bytes, Math.min(offset, this.to)) });
  }

  /** The byte at `j`, or -1 past the end of the range (the bytes may go on beyond it). */
  private at(j: number): number {
    return j < this.to ? this.bytes[j]! : -1;
  }

  private afterValue(): void {
    const container = this.stack.at(-1);
    const code = this.at(this.i);
    if (code === 0x2c /* , */) {
      this.i++;
      this.state = container === OBJECT ? EXPECT_KEY : EXPECT_VALUE;
    } else if ((code === 0x7d /* } */ && container === OBJECT) || (code === 0x5d /* ] */ && container === ARRAY)) this.close();
    else this.fail(this.i);
  }

  private key(): void {
    if (this.state === EXPECT_KEY_OR_CLOSE && this.at(this.i) === 0x7d) return this.close();
    if (this.at(this.i) !== QUOTE) this.fail(this.i);
    const keyStart = this.i;
    this.skipString();
    if (this.stack.length === 1) this.childKey = JSON.parse(decodeSpan(this.bytes, keyStart, this.i)) as string;
    this.skipWhitespace();
    if (this.at(this.i) !== 0x3a /* : */) this.fail(this.i);
    this.i++;
    this.state = EXPECT_VALUE;
  }

  private value(): void {
    const code = this.at(this.i);
    if (this.state === EXPECT_VALUE_OR_CLOSE && code === 0x5d) return this.close();
    if (this.stack.length === 1) this.childStart = this.i;
    if (code === 0x7b /* { */) return this.open(OBJECT, 'object');
    if (code === 0x5b /* [ */) return this.open(ARRAY, 'array');
    if (code === QUOTE) {
      this.kind ??= 'string';
      this.skipString();
    } else if (code === 0x2d || isDigit(code)) {
      this.kind ??= 'number';
      this.skipNumber();
    } else if (this.skipLiteral()) this.kind ??= 'literal';
    else this.fail(this.i);
    this.state = AFTER_VALUE;
    this.valueEnded();
  }

  private skipWhitespace(): void {
    while (isWhitespace(this.at(this.i))) this.i++;
  }

  /** Moves past the string that starts at `i`. Bytes of multi-byte characters are all ≥ 0x80. */
  private skipString(): void {
    this.i++;
    for (;;) {
      const code = this.at(this.i);
      if (code === QUOTE) {
        this.i++;
        return;
      }
      if (code >= 0x20 && code !== BACKSLASH) this.i++;
      else if (code !== BACKSLASH) this.fail(this.i);
      else this.skipEscape();
    }
  }

  private skipEscape(): void {
    const escaped = this.at(this.i + 1);
    if (SIMPLE_ESCAPES.includes(escaped)) this.i += 2;
    else if (escaped === 0x75 /* u */) {
      for (let k = 2; k < 6; k++) if (!isHexDigit(this.at(this.i + k))) this.fail(this.i + k);
      this.i += 6;
    } else this.fail(this.i + 1);
  }

  private skipDigits(): void {
    if (!isDigit(this.at(this.i))) this.fail(this.i);
    while (isDigit(this.at(this.i))) this.i++;
  }

  private skipNumber(): void {
    if (this.at(this.i) === 0x2d /* - */) this.i++;
    if (this.at(this.i) === 0x30 /* 0 */) this.i++;
    else this.skipDigits();
    if (this.at(this.i) === 0x2e /* . */) {
      this.i++;
      this.skipDigits();
    }
    const exponent = this.at(this.i);
    if (exponent === 0x65 || exponent === 0x45) {
      this.i++;
      const sign = this.at(this.i);
      if (sign === 0x2b || sign === 0x2d) this.i++;
      this.skipDigits();
    }
  }

  private skipLiteral(): boolean {
    const literal = LITERALS.find((candidate) => this.i + candidate.length <= this.to && candidate.every((code, k) => this.bytes[this.i + k] === code));
    if (literal) this.i += literal.length;
    return literal !== undefined;
  }

  /** A value just ended at `i`; when it is a direct child of the scanned value, note where it lies. */
  private valueEnded(): void {
    if (this.stack.length !== 1) return;
    this.childCount++;
    if (this.children.length < this.options.maxChildren) this.children.push({ key: this.childKey, start: this.childStart, end: this.i });
    this.childKey = null;
  }

  private open(container: number, kind: 'object' | 'array'): void {
    this.kind ??= kind;
    this.stack.push(container);
    if (this.stack.length > this.options.maxDepth) refuse('import.too-deep', { maxDepth: this.options.maxDepth });
    this.i++;
    this.state = container === OBJECT ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
  }

  private close(): void {
    this.stack.pop();
    this.i++;
    this.state = AFTER_VALUE;
    this.valueEnded();
  }
}
