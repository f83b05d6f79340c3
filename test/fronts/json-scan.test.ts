import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/core/refusal.js';
import { positionOf, scanJson } from '../../src/fronts/json-scan.js';

const OPTIONS = { maxDepth: 64, maxChildren: 1000 };

/** Scans ASCII or any text; `from` and `to` are byte offsets. */
function scan(text: string, from = 0, to = Buffer.byteLength(text)) {
  return scanJson(Buffer.from(text), from, to, OPTIONS);
}

function refusalOf(work: () => unknown): Refusal | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  return undefined;
}

const VALID = [
  '{}',
  '[]',
  ' \t\r\n{ "a" : [ 1 , -0 , 0.5 , 1e5 , 1.5E-3 , -12.0e+2 ] } \n',
  '[[[]],{},{"":{}}]',
  '"plain"',
  '"escapes \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83C\\uDF19"',
  '"raw 桜子 🌙 Квинн"',
  '0',
  '-1',
  'true',
  'false',
  'null',
  '{"__proto__": {"x": 1}, "constructor": null}',
  '{"a": 1, "a": 2}',
];

const INVALID = [
  '',
  ' ',
  '{',
  '}',
  '[1,]',
  '{"a":1,}',
  '{"a" 1}',
  '{a: 1}',
  "{'a': 1}",
  '01',
  '1.',
  '.5',
  '1e',
  '+1',
  '-',
  'NaN',
  'Infinity',
  'tru',
  'nul',
  '"unterminated',
  '"bad \\x escape"',
  '"bad \\u12 escape"',
  '"raw\ttab"',
  '"raw\nnewline"',
  '{} {}',
  '[1] x',
  '[1 2]',
  '{"a":1 "b":2}',
  '[,1]',
  '{"a"}',
  '\u00a0{}',
];

describe('scanJson', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    for (const text of VALID) {
      expect(() => JSON.parse(text), text).not.toThrow();
      expect(refusalOf(() => scan(text)), text).toBeUndefined();
    }
    for (const text of INVALID) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(refusalOf(() => scan(text))?.code, text).toBe('import.not-json');
    }
  });

  it('gives the byte spans of an object’s members, keys decoded, and of an array’s elements', () => {
    const text = '{"a": [1, 2], "b\\u0020c" : "x", "d":{"e":[]}}';
    const object = scan(text);
    expect(object.kind).toBe('object');
    expect(object.childCount).toBe(3);
    expect(object.children.map((child) => [child.key, JSON.parse(text.slice(child.start, child.end)) as unknown])).toEqual([
      ['a', [1, 2]],
      ['b c', 'x'],
      ['d', { e: [] }],
    ]);
    const a = object.children[0]!;
    const list = scan(text, a.start, a.end);
    expect(list).toMatchObject({ kind: 'array', childCount: 2 });
    expect(list.children.map((child) => text.slice(child.start, child.end))).toEqual(['1', '2']);
  });

  it('keeps at most maxChildren spans but counts them all', () => {
    const result = scanJson(Buffer.from('[1,2,3,4,5]'), 0, 11, { maxDepth: 4, maxChildren: 2 });
    expect(result.childCount).toBe(5);
    expect(result.children).toHaveLength(2);
  });

  it('reads strings byte by byte, multi-byte characters and all', () => {
    const text = '{"名前": "桜子 🌙 Квинн", "x": ["é"]}';
    const object = scan(text);
    expect(object.children.map((child) => [child.key, JSON.parse(Buffer.from(text).subarray(child.start, child.end).toString()) as unknown])).toEqual([
      ['名前', '桜子 🌙 Квинн'],
      ['x', ['é']],
    ]);
  });

  it('never reads past the end of its range', () => {
    expect(scan('12', 0, 1).kind).toBe('number');
    expect(refusalOf(() => scan('"ab"', 0, 3))?.code).toBe('import.not-json');
    expect(refusalOf(() => scan('truex', 0, 3))?.code).toBe('import.not-json');
    expect(scan('[1]]', 0, 3).childCount).toBe(1);
  });

  it('refuses nesting beyond the limit without recursion, however deep', () => {
    expect(refusalOf(() => scan('['.repeat(1_000_000)))).toMatchObject({ code: 'import.too-deep', data: { maxDepth: 64 } });
    expect(refusalOf(() => scan(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`))?.code).toBe('import.too-deep');
    expect(refusalOf(() => scan(`${'['.repeat(64)}${']'.repeat(64)}`))).toBeUndefined();
  });

  it('says where the first error is', () => {
    expect(refusalOf(() => scan('hello'))?.data).toEqual({ at: { line: 1, column: 1 } });
    expect(refusalOf(() => scan('{\n  "a": x\n}'))?.data).toEqual({ at: { line: 2, column: 8 } });
    expect(refusalOf(() => scan('[1,\n2,\n'))?.data).toEqual({ at: { line: 3, column: 1 } });
    expect(positionOf(Buffer.from('a\nbc\nd'), 4)).toEqual({ line: 2, column: 3 });
    // Columns count characters, not bytes: 桜子 are three bytes each, 🌙 four.
    expect(refusalOf(() => scan('{"桜子🌙": x}'))?.data).toEqual({ at: { line: 1, column: 9 } });
  });
});
