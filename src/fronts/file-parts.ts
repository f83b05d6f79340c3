import type { z } from 'zod';
import type { FileProblem, FileValueType } from './refusals.js';
import { refuse } from '../core/refusal.js';
import { decodeSpan, scanJson, type JsonSpan } from './json-scan.js';
import type { ImportLimits } from './limits.js';
import type { FrontSource } from './source.js';

type PathSegment = string | number;

function formatPath(path: readonly PathSegment[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

const VALUE_TYPES: Record<string, FileValueType> = {
  string: 'text',
  number: 'number',
  int: 'whole-number',
  array: 'list',
  object: 'object',
  boolean: 'true-or-false',
};

/** The value at `path` inside parsed JSON, own properties only; undefined when absent. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function problemOf(issue: z.core.$ZodIssue, input: unknown): FileProblem {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? { kind: 'missing' } : { kind: 'wrong-type', expected: VALUE_TYPES[issue.expected] ?? 'other' };
    case 'too_big':
      return issue.origin === 'array' ? { kind: 'too-many', max: Number(issue.maximum) } : { kind: 'too-long', max: Number(issue.maximum) };
    default:
      return { kind: 'invalid' };
  }
}

/**
 * The top-level parts of one checked export file. Each part is parsed only when a reader asks for
 * it, and a list entry by entry, so memory holds one entry of the file at a time plus what the
 * reader keeps of it. Anything that breaks the format is refused with where and what.
 */
export class FileParts {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly parts: ReadonlyMap<string, JsonSpan>,
    readonly source: FrontSource,
    readonly limits: Readonly<ImportLimits>,
  ) {}

  has(key: string): boolean {
    return this.parts.has(key);
  }

  /** A small part, parsed whole (an absent part is checked as `undefined`). */
  value<T>(key: string, schema: z.ZodType<T>): T {
    const span = this.parts.get(key);
    const input: unknown = span ? this.parse(span) : undefined;
    return this.check(schema, input, [key]);
  }

  /**
   * Each entry of a list part, in file order, checked against `schema` (which drops every key it
   * does not name). An absent part has no entries unless `required`.
   */
  each<T>(key: string, schema: z.ZodType<T>, options: { max: number; required: boolean }, visit: (entry: T, index: number) => void): number {
    const span = this.parts.get(key);
    if (!span) {
      if (options.required) this.refuseAt([key], { kind: 'missing' });
      return 0;
    }
    const list = scanJson(this.bytes, span.start, span.end, { maxDepth: this.limits.maxDepth, maxChildren: options.max });
    if (list.kind !== 'array') this.refuseAt([key], { kind: 'wrong-type', expected: 'list' });
    if (list.childCount > options.max) this.refuseAt([key], { kind: 'too-many', max: options.max });
    list.children.forEach((entry, index) => {
      visit(this.check(schema, this.parse(entry), [key, index]), index);
    });
    return list.childCount;
  }

  /** A span the scan found to be one JSON value. */
  private parse(span: JsonSpan): unknown {
    return JSON.parse(decodeSpan(this.bytes, span.start, span.end));
  }

  private check<T>(schema: z.ZodType<T>, input: unknown, path: PathSegment[]): T {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const within = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    return this.refuseAt([...path, ...within], problemOf(issue, input));
  }

  private refuseAt(path: readonly PathSegment[], problem: FileProblem): never {
    return refuse('import.invalid-file', { source: this.source, path: formatPath(path), problem });
  }
}
