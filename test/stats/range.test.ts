import { describe, expect, it } from 'vitest';
import { Refusal } from '../../src/core/refusal.js';
import { describeRefusal } from '../../src/render/refusals.js';
import { parseStatsRange, type RangeInput } from '../../src/stats/range.js';

const NOW = new Date('2026-05-31T12:00:00Z'); // 14:00 CEST
const H = 3_600_000;
const D = 24 * H;
const BERLIN = { now: NOW, timeZone: 'Europe/Berlin' };

function read(input: RangeInput | string | undefined, options = BERLIN) {
  return parseStatsRange(typeof input === 'object' ? input : { range: input }, options);
}

function startOf(input: RangeInput | string | undefined, options = BERLIN): number | null {
  return read(input, options).start?.getTime() ?? null;
}

function refusal(input: RangeInput | string, options = BERLIN): string {
  try {
    read(input, options);
  } catch (error) {
    if (error instanceof Refusal) return describeRefusal(error);
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('parseStatsRange', () => {
  it('defaults to 30 days back from now', () => {
    expect(startOf(undefined)).toBe(NOW.getTime() - 30 * D);
    expect(startOf('  ')).toBe(NOW.getTime() - 30 * D);
    expect(read(undefined)).toMatchObject({ label: '30d', end: NOW, endsNow: true, timeZone: 'Europe/Berlin', zoneFellBack: false, minutesWarning: false });
  });

  it.each([
    ['24h', 24 * H],
    ['7d', 7 * D],
    ['2w', 14 * D],
    ['36H', 36 * H],
    ['1d 6h 30m', D + 6 * H + 30 * 60_000],
    ['2 weeks', 14 * D],
  ])('reads %s as that long before now', (input, ms) => {
    expect(startOf(input)).toBe(NOW.getTime() - ms);
  });

  it('counts days, weeks, months and years on the zone’s calendar, so a range across a DST change starts at the same wall-clock time', () => {
    // Berlin springs forward on 29 March 2026: two calendar days before 30 March 12:00 CEST is 28 March 12:00 CET, 47 hours.
    const afterSpring = { now: new Date('2026-03-30T10:00:00Z'), timeZone: 'Europe/Berlin' };
    expect(startOf('2d', afterSpring)).toBe(Date.parse('2026-03-28T11:00:00Z'));
    expect(startOf('48h', afterSpring)).toBe(Date.parse('2026-03-28T10:00:00Z'));
    expect(startOf('90d')).toBe(Date.parse('2026-03-02T13:00:00Z')); // 14:00 CET, 90 days before 14:00 CEST
    expect(startOf('3mo')).toBe(Date.parse('2026-02-28T13:00:00Z'));
    expect(startOf('1y')).toBe(Date.parse('2025-05-31T12:00:00Z'));
    expect(startOf('100d12h', { now: NOW, timeZone: 'UTC' })).toBe(NOW.getTime() - 100 * D - 12 * H);
    const leap = { now: new Date('2024-02-29T12:00:00Z'), timeZone: 'UTC' };
    expect(startOf('1y', leap)).toBe(Date.parse('2023-02-28T12:00:00Z'));
    expect(startOf('1y2d', leap)).toBe(Date.parse('2023-02-26T12:00:00Z'));
  });

  it('reads `mo` as months and `m` as minutes, warning when `m` makes a range under an hour', () => {
    expect(read('1mo')).toMatchObject({ start: new Date('2026-04-30T12:00:00Z'), minutesWarning: false });
    expect(read('1m')).toMatchObject({ start: new Date(NOW.getTime() - 60_000), minutesWarning: true, label: '1m' });
    expect(read('45m').minutesWarning).toBe(true);
    expect(read('90m').minutesWarning).toBe(false);
    expect(read('30 minutes').minutesWarning).toBe(false);
  });

  it('reads this and last month, week and year in the zone', () => {
    expect(read('this month')).toMatchObject({ start: new Date('2026-04-30T22:00:00Z'), end: NOW, endsNow: true, label: 'this month' });
    expect(read('Last Month')).toMatchObject({ start: new Date('2026-03-31T22:00:00Z'), end: new Date('2026-04-30T22:00:00Z'), endsNow: false, label: 'last month' });
    expect(read('this week').start).toEqual(new Date('2026-05-24T22:00:00Z')); // Monday 25 May
    expect(read('last year')).toMatchObject({ start: new Date('2024-12-31T23:00:00Z'), end: new Date('2025-12-31T23:00:00Z') });
  });

  it('reads a month by name (the latest that has begun), with a year, or a year alone', () => {
    expect(read('November')).toMatchObject({ start: new Date('2025-10-31T23:00:00Z'), end: new Date('2025-11-30T23:00:00Z'), label: 'November 2025', endsNow: false });
    expect(read('may')).toMatchObject({ start: new Date('2026-04-30T22:00:00Z'), end: NOW, endsNow: true, label: 'May 2026' });
    expect(read('Nov 2024').start).toEqual(new Date('2024-10-31T23:00:00Z'));
    expect(read('2025-11').label).toBe('November 2025');
    expect(read('2025')).toMatchObject({ start: new Date('2024-12-31T23:00:00Z'), end: new Date('2025-12-31T23:00:00Z'), label: '2025' });
    expect(refusal('November 2099')).toMatch(/^`November 2099` is in the future/);
  });

  it("reads all (and PluralKit's full) as the whole history", () => {
    expect(startOf('all')).toBeNull();
    expect(startOf('Full')).toBeNull();
    expect(read('all').label).toBe('all');
  });

  it('reads a start date or time in the zone', () => {
    expect(startOf('2026-05-01')).toBe(Date.parse('2026-04-30T22:00:00Z')); // midnight CEST
    expect(startOf('2026-05-01', { now: NOW, timeZone: 'America/New_York' })).toBe(Date.parse('2026-05-01T04:00:00Z'));
    expect(startOf('May 1 14:30')).toBe(Date.parse('2026-05-01T12:30:00Z'));
    expect(read('2026-05-01').label).toBe('2026-05-01 00:00');
  });

  it('ends at `until`: a date alone counts that whole day, durations count back from it', () => {
    expect(read({ range: '7d', until: '2026-05-10' })).toMatchObject({
      start: new Date('2026-05-03T22:00:00Z'),
      end: new Date('2026-05-10T22:00:00Z'),
      endsNow: false,
      label: '7d until 2026-05-11 00:00',
    });
    expect(read({ range: '1d', until: '2026-05-10 14:00' })).toMatchObject({ start: new Date('2026-05-09T12:00:00Z'), end: new Date('2026-05-10T12:00:00Z') });
    expect(read({ until: '2d' })).toMatchObject({ start: new Date(NOW.getTime() - 32 * D), end: new Date(NOW.getTime() - 2 * D) });
    expect(read({ range: 'November', until: 'Nov 15' })).toMatchObject({ start: new Date('2025-10-31T23:00:00Z'), end: new Date('2025-11-15T23:00:00Z') });
    expect(read({ range: '7d', until: 'today' })).toMatchObject({ end: NOW, endsNow: true });
    // A period as the end: where it ends.
    expect(read({ range: 'all', until: 'November' })).toMatchObject({ start: null, end: new Date('2025-11-30T23:00:00Z') });
    expect(read({ range: '2w', until: 'last month' })).toMatchObject({ start: new Date('2026-04-16T22:00:00Z'), end: new Date('2026-04-30T22:00:00Z') });
  });

  it('refuses an `until` in the future, or before the range starts', () => {
    expect(refusal({ until: '2027-01-01' })).toMatch(/^`2027-01-01` is in the future: `until` has to be now or earlier\./);
    expect(refusal({ range: 'last month', until: '2026-03-01' })).toMatch(/^`last month` does not start before `2026-03-01` \(`until`\)/);
  });

  it('reads times in UTC when the zone setting is unknown, and says so', () => {
    expect(startOf('2026-05-01', { now: NOW, timeZone: 'Mars/Olympus' })).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(read('2026-05-01', { now: NOW, timeZone: 'Mars/Olympus' }).zoneFellBack).toBe(true);
    expect(refusal('nope', { now: NOW, timeZone: 'Mars/Olympus' })).toContain('in UTC');
  });

  it('refuses a start in the future with a clear reason', () => {
    expect(refusal('2027-01-01')).toMatch(/^`2027-01-01` is in the future: a range has to start before now\./);
  });

  it('refuses an empty range', () => {
    expect(refusal('0d')).toMatch(/does not start before now/);
    expect(refusal('now')).toMatch(/does not start before now/);
  });

  it('refuses what it cannot read, listing every accepted form and the zone', () => {
    const message = refusal('last tuesday-ish');
    expect(message).toMatch(/^I couldn't read `last tuesday-ish` as a range\./);
    for (const form of ['`24h`', '`30d` (the default)', '`all`', '`100d12h`', '`3mo`', '`last month`', '`November`', '`2026-05-01`', '`Europe/Berlin`', '`until`']) {
      expect(message).toContain(form);
    }
    expect(refusal({ until: 'whenever' })).toMatch(/^I couldn't read `whenever` as an end \(`until`\)\. An end can be:/);
  });

  it('refuses more than 100 years back', () => {
    expect(refusal('101y')).toMatch(/more than 100 years/);
    expect(refusal('40000d')).toMatch(/more than 100 years/);
  });
});
