import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/core/refusal.js';
import type { RefusalCode } from '../../src/core/refusal.js';
import type { FrontSourceChoice } from '../../src/fronts/source.js';
import { IMPORT_LIMITS } from '../../src/fronts/limits.js';
import { readFrontFile } from '../../src/fronts/read-file.js';
import { describeRefusal } from '../../src/render/refusals.js';

/*
 * Every kind of bad file gets one Refusal with a specific code (never a generic error, which the
 * user would see as "something went wrong"), worded in one sentence that says nothing was imported.
 */

function refusalOf(input: Uint8Array | string, choice: FrontSourceChoice = 'auto', limits = IMPORT_LIMITS): Refusal {
  try {
    readFrontFile(input, choice, limits);
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw new Error(`expected a Refusal, got ${String(error)}`);
  }
  throw new Error('expected a Refusal, the file was read');
}

const pkSwitch = '{"timestamp":"2024-01-01T00:00:00Z","members":[]}';

const BAD_FILES: Array<{ what: string; input: Uint8Array | string; choice?: FrontSourceChoice; code: RefusalCode; data?: unknown; limits?: typeof IMPORT_LIMITS }> = [
  { what: 'empty', input: '', code: 'import.file-empty' },
  { what: 'only whitespace', input: Buffer.from(' \n\t\r\n'), code: 'import.file-empty' },
  { what: 'a byte order mark and nothing else', input: Buffer.from([0xef, 0xbb, 0xbf]), code: 'import.file-empty' },
  { what: 'not UTF-8 (an image)', input: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]), code: 'import.not-text' },
  { what: 'plain text', input: 'Alex fronted all day', code: 'import.not-json', data: { at: { line: 1, column: 1 } } },
  { what: 'a CSV file', input: 'start,end,member\n2024-01-01,,Alex\n', code: 'import.not-json' },
  { what: 'cut off mid-file', input: '{"version":2,"members":[],"switches":[{"timestamp":"2024-01', code: 'import.not-json' },
  { what: 'trailing garbage', input: '{"members":[],"switches":[]} <script>', code: 'import.not-json', data: { at: { line: 1, column: 30 } } },
  { what: 'a trailing comma on line 3', input: '{\n"members": [],\n"switches": [],\n}', code: 'import.not-json', data: { at: { line: 4, column: 1 } } },
  { what: 'nested a million levels deep', input: '['.repeat(1_000_000), code: 'import.too-deep', data: { maxDepth: 64 } },
  { what: 'deep nesting inside a valid export', input: `{"members":[],"switches":[],"x":${'['.repeat(65)}${']'.repeat(65)}}`, code: 'import.too-deep' },
  { what: 'a JSON array', input: '[{"timestamp":"2024-01-01T00:00:00Z"}]', code: 'import.unknown-format', data: { keys: [] } },
  { what: 'a JSON string', input: '"pk;export"', code: 'import.unknown-format', data: { keys: [] } },
  { what: 'null', input: 'null', code: 'import.unknown-format', data: { keys: [] } },
  { what: 'an unknown app', input: '{"tuppers":[],"groups":[]}', code: 'import.unknown-format', data: { keys: ['tuppers', 'groups'] } },
  { what: 'an empty object', input: '{}', code: 'import.unknown-format', data: { keys: [] } },
  { what: 'keys of several formats at once', input: '{"members":[],"switches":[],"frontHistory":[]}', code: 'import.unknown-format' },
  { what: 'a chosen source the file is not', input: '{"alters":[],"fronts":[]}', choice: 'simplyplural', code: 'import.source-mismatch', data: { chosen: 'simplyplural', detected: 'octocon' } },
  { what: 'a chosen source, an unknown file', input: '{"x":1}', choice: 'pluralkit', code: 'import.unknown-format', data: { keys: ['x'] } },
  {
    what: 'switches that are not a list',
    input: '{"members":[],"switches":"all of them"}',
    code: 'import.invalid-file',
    data: { source: 'pluralkit', path: 'switches', problem: { kind: 'wrong-type', expected: 'list' } },
  },
  {
    what: 'a member ID that is a number',
    input: '{"members":[{"id":5,"name":"A"}],"switches":[]}',
    code: 'import.invalid-file',
    data: { source: 'pluralkit', path: 'members[0].id', problem: { kind: 'wrong-type', expected: 'text' } },
  },
  {
    what: 'a switch without members',
    input: `{"members":[],"switches":[${pkSwitch},{"timestamp":"2024-01-02T00:00:00Z"}]}`,
    code: 'import.invalid-file',
    data: { source: 'pluralkit', path: 'switches[1].members', problem: { kind: 'missing' } },
  },
  {
    what: 'a Simply Plural start time as text',
    input: '{"members":[],"frontHistory":[{"member":"a","custom":false,"live":true,"startTime":"1700000000000"}]}',
    code: 'import.invalid-file',
    data: { source: 'simplyplural', path: 'frontHistory[0].startTime', problem: { kind: 'wrong-type', expected: 'number' } },
  },
  {
    what: 'a Simply Plural entry without member',
    input: '{"frontHistory":[{"startTime":1700000000000}]}',
    code: 'import.invalid-file',
    data: { source: 'simplyplural', path: 'frontHistory[0].member', problem: { kind: 'missing' } },
  },
  {
    what: 'an Octocon alter ID that is not whole',
    input: '{"alters":[{"id":1.5}],"fronts":[]}',
    code: 'import.invalid-file',
    data: { source: 'octocon', path: 'alters[0].id', problem: { kind: 'invalid' } },
  },
  {
    what: 'a name of 1,001 characters',
    input: JSON.stringify({ members: [{ _id: 'a', name: 'x'.repeat(1001) }], frontHistory: [] }),
    code: 'import.invalid-file',
    data: { source: 'simplyplural', path: 'members[0].name', problem: { kind: 'too-long', max: 1000 } },
  },
  {
    what: 'more switches than an import takes (100,001)',
    input: `{"members":[],"switches":[${Array.from({ length: 100_001 }, () => pkSwitch).join(',')}]}`,
    code: 'import.invalid-file',
    data: { source: 'pluralkit', path: 'switches', problem: { kind: 'too-many', max: 100_000 } },
  },
  {
    what: 'more front entries than a lowered limit',
    input: '{"alters":[],"fronts":[{},{},{}]}',
    limits: { ...IMPORT_LIMITS, maxEntries: 2 },
    code: 'import.invalid-file',
    data: { source: 'octocon', path: 'fronts', problem: { kind: 'too-many', max: 2 } },
  },
  { what: 'bigger than 25 MB', input: Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x20), code: 'import.file-too-large', data: { bytes: IMPORT_LIMITS.maxBytes + 1, maxBytes: IMPORT_LIMITS.maxBytes } },
];

describe('bad files', () => {
  for (const bad of BAD_FILES) {
    it(`refuses ${bad.what}: ${bad.code}`, () => {
      const refusal = refusalOf(bad.input, bad.choice, bad.limits);
      expect(refusal.code).toBe(bad.code);
      if (bad.data !== undefined) expect(refusal.data).toEqual(bad.data);
      expect(describeRefusal(refusal)).toMatch(/^That file|^That \w[\w ]* export/);
      expect(describeRefusal(refusal)).toMatch(/Nothing was imported\.$/);
    });
  }

  it('words each refusal with what and where', () => {
    expect(describeRefusal(refusalOf('{\n"members": [],\n"switches": [],\n}'))).toBe(
      'That file is not valid JSON (the first error is at line 4, column 1). Attach the export file itself, unchanged. Nothing was imported.',
    );
    expect(describeRefusal(refusalOf('{"frontHistory":[{"startTime":1700000000000}]}'))).toBe(
      "That Simply Plural export can't be read: `frontHistory[0].member` is missing. Nothing was imported.",
    );
    expect(describeRefusal(refusalOf(Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x20)))).toBe('That file is larger than 25 MB, the most an import takes. Nothing was imported.');
    expect(describeRefusal(refusalOf('{"alters":[],"fronts":[]}', 'pluralkit'))).toBe(
      'That file is an export of Octocon, not of PluralKit. Choose `source: octocon` or `auto`. Nothing was imported.',
    );
  });
});

describe('hostile files', () => {
  it('shows keys from the file only as code, cut short, a few of them', () => {
    const keys = ['**@everyone**', '<@123456789012345678>', '`` `x` ``', 'k'.repeat(500), 'e', 'f', 'g'];
    const refusal = refusalOf(JSON.stringify(Object.fromEntries(keys.map((key) => [key, 1]))));
    expect((refusal.data as { keys: string[] }).keys).toHaveLength(5);
    const text = describeRefusal(refusal);
    expect(text).toContain('`**@everyone**`');
    expect(text).toContain('`<@123456789012345678>`');
    expect(text).toContain('``` `` `x` `` ```');
    expect(text).not.toContain('k'.repeat(41));
    expect(text.length).toBeLessThan(400);
  });

  it('reads prototype-like keys and IDs as plain data, polluting nothing', () => {
    const file = readFrontFile(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
        '"members":[{"id":"__proto__","name":"constructor","display_name":"toString"}],' +
        '"switches":[{"timestamp":"2024-01-01T00:00:00Z","members":["__proto__","hasOwnProperty"]}]}',
      'auto',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(file.members).toEqual([
      { key: '__proto__', name: 'constructor', displayName: 'toString', pluralkitId: null },
      { key: 'hasOwnProperty', name: null, displayName: null, pluralkitId: null },
    ]);
    expect(file.switches[0]!.members).toEqual(['__proto__', 'hasOwnProperty']);
  });

  it('keeps hostile names exactly as written (escaping is for where they are shown)', () => {
    const names = ['@everyone', '**bold** _it_', '<@&123456789012345678>', '=HYPERLINK("http://x")', '\u202Eevil', 'zero\u200Bwidth', 'line\nbreak'];
    const file = readFrontFile(JSON.stringify({ members: names.map((name, i) => ({ _id: `m${i}`, name })), frontHistory: [] }), 'auto');
    expect(file.members.map((member) => member.name)).toEqual(names);
  });

  it('reads a file with a byte order mark, as Windows editors save them', () => {
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"alters":[],"fronts":[]}')]);
    expect(readFrontFile(withMark, 'auto').source).toBe('octocon');
    expect(readFrontFile('\uFEFF{"alters":[],"fronts":[]}', 'auto').source).toBe('octocon');
  });
});
