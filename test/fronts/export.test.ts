import { describe, expect, it } from 'vitest';
import { csvCell, frontHistoryFiles } from '../../src/fronts/export-files.js';
import { frontRows, type FrontRow } from '../../src/fronts/export-rows.js';
import type { SwitchSummary } from '../../src/pluralkit/models.js';

const NAMES = new Map([
  ['aaaaa', 'Alex ✨'],
  ['bbbbb', '桜子'],
  ['ccccc', '=cmd|"/C calc"!A0'],
]);

/** Newest first, as PluralKit pages the switch list. */
const SWITCHES: SwitchSummary[] = [
  { id: 's4', timestamp: '2025-03-02T07:15:00Z', members: ['hidden'] },
  { id: 's3', timestamp: '2025-03-01T23:00:00Z', members: [] },
  { id: 's2', timestamp: '2025-03-01T12:30:00.250417Z', members: ['aaaaa', 'ccccc'] },
  { id: 's1', timestamp: '2025-03-01T08:00:00Z', members: ['aaaaa', 'bbbbb'] },
];

describe('frontRows', () => {
  it('makes one row per switch, oldest first, ending where the next begins', () => {
    expect(frontRows(SWITCHES, NAMES)).toEqual([
      { start: '2025-03-01T08:00:00Z', end: '2025-03-01T12:30:00.250417Z', member_ids: ['aaaaa', 'bbbbb'], member_names: ['Alex ✨', '桜子'], duration_seconds: 16200.25 },
      { start: '2025-03-01T12:30:00.250417Z', end: '2025-03-01T23:00:00Z', member_ids: ['aaaaa', 'ccccc'], member_names: ['Alex ✨', '=cmd|"/C calc"!A0'], duration_seconds: 37799.75 },
      { start: '2025-03-01T23:00:00Z', end: '2025-03-02T07:15:00Z', member_ids: [], member_names: [], duration_seconds: 29700 },
      // The current switch has no end; a member this view cannot name keeps its place with an empty name.
      { start: '2025-03-02T07:15:00Z', end: null, member_ids: ['hidden'], member_names: [''], duration_seconds: null },
    ]);
  });

  it('keeps only switches from `since` on, their ends still from the whole list', () => {
    const rows = frontRows(SWITCHES, NAMES, { since: Date.parse('2025-03-01T12:00:00Z') });
    expect(rows.map((row) => [row.start, row.end])).toEqual([
      ['2025-03-01T12:30:00.250417Z', '2025-03-01T23:00:00Z'],
      ['2025-03-01T23:00:00Z', '2025-03-02T07:15:00Z'],
      ['2025-03-02T07:15:00Z', null],
    ]);
    expect(frontRows([], NAMES)).toEqual([]);
  });
});

describe('csvCell', () => {
  it('quotes per RFC 4180 only when needed', () => {
    expect(csvCell('plain 桜子 🌙')).toBe('plain 桜子 🌙');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });

  it('makes text that a spreadsheet would run as a formula plain', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 band')).toBe("'+44 band");
    expect(csvCell('-Alex-')).toBe("'-Alex-");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tTab')).toBe("'\tTab");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('Alex=Alex')).toBe('Alex=Alex');
  });
});

/** Splits CSV text into records, honouring quotes (a small RFC 4180 reader for the assertions). */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('frontHistoryFiles', () => {
  const rows = frontRows(SWITCHES, NAMES);

  it('writes fronts.csv: a byte order mark, the header, CRLF lines, lists joined with ;', () => {
    const [file, ...more] = frontHistoryFiles(rows, 'csv', 8 * 1024 * 1024);
    expect(more).toEqual([]);
    expect(file!.name).toBe('fronts.csv');
    expect(file!.rows).toBe(4);
    const text = file!.data.toString('utf8');
    expect(text.startsWith('\uFEFFstart,end,member_ids,member_names,duration_seconds\r\n')).toBe(true);
    expect(readCsv(text.slice(1))).toEqual([
      ['start', 'end', 'member_ids', 'member_names', 'duration_seconds'],
      ['2025-03-01T08:00:00Z', '2025-03-01T12:30:00.250417Z', 'aaaaa;bbbbb', 'Alex ✨;桜子', '16200.25'],
      ['2025-03-01T12:30:00.250417Z', '2025-03-01T23:00:00Z', 'aaaaa;ccccc', 'Alex ✨;=cmd|"/C calc"!A0', '37799.75'],
      ['2025-03-01T23:00:00Z', '2025-03-02T07:15:00Z', '', '', '29700'],
      ['2025-03-02T07:15:00Z', '', 'hidden', '', ''],
    ]);
  });

  it('guards the first name of a cell against formula injection', () => {
    const [file] = frontHistoryFiles([{ ...rows[0]!, member_names: ['=cmd|"/C calc"!A0', 'Alex'] }], 'csv', 1024);
    expect(readCsv(file!.data.toString('utf8').slice(1))[1]![3]).toBe('\'=cmd|"/C calc"!A0;Alex');
  });

  it('writes fronts.json as one array of the rows', () => {
    const [file] = frontHistoryFiles(rows, 'json', 8 * 1024 * 1024);
    expect(file!.name).toBe('fronts.json');
    expect(JSON.parse(file!.data.toString('utf8'))).toEqual(rows);
  });

  it('writes an empty history as a header or an empty array', () => {
    expect(frontHistoryFiles([], 'csv', 1024).map((file) => file.data.toString('utf8'))).toEqual(['\uFEFFstart,end,member_ids,member_names,duration_seconds\r\n']);
    expect(JSON.parse(frontHistoryFiles([], 'json', 1024)[0]!.data.toString('utf8'))).toEqual([]);
  });

  for (const format of ['csv', 'json'] as const) {
    it(`splits ${format} into complete files under the byte limit, keeping every row in order`, () => {
      const many: FrontRow[] = Array.from({ length: 500 }, (_, i) => ({ ...rows[i % 3]!, start: `row ${i}` }));
      const limit = 4096;
      const files = frontHistoryFiles(many, format, limit);
      expect(files.length).toBeGreaterThan(5);
      expect(files.map((file) => file.name)).toEqual(files.map((_, i) => `fronts-${i + 1}.${format}`));
      for (const file of files) expect(file.data.byteLength).toBeLessThanOrEqual(limit);
      const back = files.flatMap((file) => {
        const text = file.data.toString('utf8');
        return format === 'json' ? (JSON.parse(text) as FrontRow[]).map((row) => row.start) : readCsv(text.slice(1)).slice(1).map((record) => record[0]!);
      });
      expect(back).toEqual(many.map((row) => row.start));
      expect(files.reduce((sum, file) => sum + file.rows, 0)).toBe(500);
      // Each file but the last is full: one more row would not have fitted.
      let start = 0;
      for (const file of files.slice(0, -1)) {
        expect(frontHistoryFiles(many.slice(start, start + file.rows + 1), format, limit)).toHaveLength(2);
        start += file.rows;
      }
    });
  }

  it('refuses a limit that cannot hold a single row', () => {
    expect(() => frontHistoryFiles(rows, 'csv', 60)).toThrow(RangeError);
  });
});
