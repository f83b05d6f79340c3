import { describe, expect, it } from 'vitest';
import { readInstant } from '../../src/stats/instant.js';

function parseInstant(text: string): number {
  const target = new Float64Array(1);
  readInstant(text, target, 0);
  return target[0]!;
}
import { toTimedSwitches } from '../../src/stats/timeline.js';

describe('readInstant', () => {
  it.each([
    '2026-05-01T12:00:00Z',
    '2026-05-01T12:00:00.5Z',
    '2026-05-01T12:00:00.123Z',
    '2026-05-01T12:00:00.123456Z',
    '2026-05-01T12:00:00.999999999Z',
    '2024-02-29T23:59:59Z',
    '1999-12-31T00:00:00.000001Z',
    '1600-02-29T00:00:00Z',
    '0004-01-01T00:00:00Z',
    '2100-03-01T00:00:00Z',
    '2026-05-01T14:00:00+02:00',
    '2026-05-01',
  ])('reads %s as Date.parse does', (text) => {
    expect(parseInstant(text)).toBe(Date.parse(text));
  });

  it.each(['2026-02-30T12:00:00Z', '2025-02-29T12:00:00Z', '2026-13-01T12:00:00Z', '2026-05-01T24:00:00Z', '2026-05-01T12:00:00.1x3Z', '2026-0a-01T12:00:00Z', '2026-05-01T12:00:00.Z', '2026-05-01T12:00:00.1234567890123Z', 'not a time'])(
    'leaves %s to Date.parse (or to NaN), never a made-up instant',
    (text) => {
      const parsed = parseInstant(text);
      const reference = Date.parse(text);
      if (Number.isNaN(reference)) expect(parsed).toBeNaN();
      else expect(parsed).toBe(reference);
    },
  );
});

describe('toTimedSwitches', () => {
  const entry = (timestamp: string, ...members: string[]) => ({ id: timestamp, timestamp, members });

  it('puts any order oldest first, drops what does not parse, and counts a repeated member once', () => {
    const timed = toTimedSwitches([entry('2026-05-01T10:00:00Z', 'a'), entry('garbage', 'x'), entry('2026-05-01T12:00:00Z', 'b', 'b', 'c'), entry('2026-05-01T08:00:00Z')]);
    expect([...timed.at]).toEqual([Date.parse('2026-05-01T08:00:00Z'), Date.parse('2026-05-01T10:00:00Z'), Date.parse('2026-05-01T12:00:00Z')]);
    expect([0, 1, 2].map((position) => timed.membersAt(position))).toEqual([[], ['a'], ['b', 'c']]);
  });

  it('reads a list newest first (as PluralKit gives it) without sorting, members as given', () => {
    const members = ['a', 'b'];
    const timed = toTimedSwitches([entry('2026-05-01T12:00:00Z', ...members), entry('2026-05-01T10:00:00Z', 'c')]);
    expect([...timed.at]).toEqual([Date.parse('2026-05-01T10:00:00Z'), Date.parse('2026-05-01T12:00:00Z')]);
    expect(timed.membersAt(1)).toEqual(members);
  });
});
