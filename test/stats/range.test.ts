import { describe, expect, it } from 'vitest';
import { parseStatsRange } from '../../src/stats/range.js';

const NOW = new Date('2026-05-31T12:00:00Z');
const H = 3_600_000;
const D = 24 * H;
const BERLIN = { now: NOW, timeZone: 'Europe/Berlin' };

function startOf(input: string | undefined, options = BERLIN): number | null {
  const range = parseStatsRange(input, options);
  if (!range.ok) throw new Error(range.message);
  return range.start === null ? null : range.start.getTime();
}

function refusal(input: string, options = BERLIN): string {
  const range = parseStatsRange(input, options);
  if (range.ok) throw new Error(`accepted ${input}`);
  return range.message;
}

describe('parseStatsRange', () => {
  it('defaults to 30 days', () => {
    expect(startOf(undefined)).toBe(NOW.getTime() - 30 * D);
    expect(startOf('  ')).toBe(NOW.getTime() - 30 * D);
    expect(parseStatsRange(undefined, BERLIN)).toMatchObject({ ok: true, label: '30d', timeZone: 'Europe/Berlin', zoneFellBack: false });
  });

  it.each([
    ['24h', 24 * H],
    ['7d', 7 * D],
    ['90d', 90 * D],
    ['100d12h', 100 * D + 12 * H],
    ['2w', 14 * D],
    ['36H', 36 * H],
    ['1d 6h 30m', D + 6 * H + 30 * 60_000],
  ])('reads %s as that long before now', (input, ms) => {
    expect(startOf(input)).toBe(NOW.getTime() - ms);
  });

  it('reads years as calendar years in the zone, leap days included', () => {
    expect(startOf('1y')).toBe(Date.parse('2025-05-31T12:00:00Z'));
    const leap = { now: new Date('2024-02-29T12:00:00Z'), timeZone: 'UTC' };
    expect(startOf('1y', leap)).toBe(Date.parse('2023-02-28T12:00:00Z'));
    expect(startOf('1y2d', leap)).toBe(Date.parse('2023-02-26T12:00:00Z'));
  });

  it('reads all (and PluralKit\'s full) as the whole history', () => {
    expect(startOf('all')).toBeNull();
    expect(startOf('Full')).toBeNull();
    expect(parseStatsRange('all', BERLIN)).toMatchObject({ label: 'all' });
  });

  it('reads a date or time in the system time zone', () => {
    expect(startOf('2026-05-01')).toBe(Date.parse('2026-04-30T22:00:00Z')); // midnight CEST
    expect(startOf('2026-05-01', { now: NOW, timeZone: 'America/New_York' })).toBe(Date.parse('2026-05-01T04:00:00Z'));
    expect(startOf('May 1 14:30')).toBe(Date.parse('2026-05-01T12:30:00Z'));
    expect(parseStatsRange('2026-05-01', BERLIN)).toMatchObject({ label: '2026-05-01 00:00' });
  });

  it('reads times in UTC when the zone setting is unknown, and says so', () => {
    expect(startOf('2026-05-01', { now: NOW, timeZone: 'Mars/Olympus' })).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(parseStatsRange('2026-05-01', { now: NOW, timeZone: 'Mars/Olympus' })).toMatchObject({ zoneFellBack: true });
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
    for (const form of ['`24h`', '`30d` (the default)', '`all`', '`100d12h`', '`2w`', '`2026-05-01`', '`Europe/Berlin`']) {
      expect(message).toContain(form);
    }
  });

  it('refuses more than 100 years back', () => {
    expect(refusal('101y')).toMatch(/more than 100 years/);
    expect(refusal('40000d')).toMatch(/more than 100 years/);
  });
});
