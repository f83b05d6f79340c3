import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../src/charts/time-axis.js';
import { zoneAbbreviation, formatZoned } from '../../src/stats/zoned-time.js';

const H = 3_600_000;
const D = 24 * H;

describe('timeTicks', () => {
  it('puts day ticks on local midnights, also across a DST change', () => {
    // Europe/Berlin springs forward on 29 March 2026: that day is 23 hours long.
    const start = Date.parse('2026-03-27T10:00:00Z');
    const ticks = timeTicks(start, start + 5 * D, 'Europe/Berlin');
    expect(ticks.map((tick) => tick.label)).toEqual(['28 Mar', '29 Mar', '30 Mar', '31 Mar', '1 Apr']);
    for (const tick of ticks) expect(DateTime.fromMillis(tick.at, { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('00:00');
    expect(ticks[2]!.at - ticks[1]!.at).toBe(23 * H);
  });

  it('uses hours for a day, naming the day at midnight', () => {
    const start = Date.parse('2026-05-30T12:00:00Z');
    const labels = timeTicks(start, start + D, 'UTC').map((tick) => tick.label);
    expect(labels).toEqual(['12:00', '15:00', '18:00', '21:00', '31 May', '03:00', '06:00', '09:00', '12:00']);
  });

  it('uses weeks for a month, months for a year, and years beyond', () => {
    const end = Date.parse('2026-05-31T12:00:00Z');
    expect(timeTicks(end - 30 * D, end, 'UTC').map((tick) => tick.label)).toEqual(['4 May', '11 May', '18 May', '25 May']);
    expect(timeTicks(end - 365 * D, end, 'UTC').map((tick) => tick.label)).toEqual(['Jul 2025', 'Oct 2025', 'Jan 2026', 'Apr 2026']);
    const decade = timeTicks(end - 3650 * D, end, 'UTC');
    expect(decade.length).toBeLessThanOrEqual(8);
    expect(decade.every((tick) => /^\d{4}$/.test(tick.label))).toBe(true);
  });

  it('never gives more ticks than asked, and none for an empty span', () => {
    const end = Date.parse('2026-05-31T12:00:00Z');
    for (const span of [H, 7 * H, 3 * D, 45 * D, 200 * D, 900 * D]) {
      const ticks = timeTicks(end - span, end, 'Asia/Kolkata');
      expect(ticks.length, `span ${span}`).toBeLessThanOrEqual(9);
      expect(ticks.length, `span ${span}`).toBeGreaterThan(0);
      for (const tick of ticks) expect(tick.at).toBeGreaterThanOrEqual(end - span);
    }
    expect(timeTicks(end, end, 'UTC')).toEqual([]);
  });
});

describe('zoned times', () => {
  it('names zones by abbreviation where English has one, by offset otherwise', () => {
    const summer = Date.parse('2026-07-01T12:00:00Z');
    expect(zoneAbbreviation(summer, 'Europe/Berlin')).toBe('CEST');
    expect(zoneAbbreviation(summer, 'America/New_York')).toBe('EDT');
    expect(zoneAbbreviation(summer, 'UTC')).toBe('UTC');
    expect(zoneAbbreviation(summer, 'Asia/Kolkata')).toBe('GMT+5:30');
    expect(formatZoned(summer, 'Europe/Berlin')).toBe('2026-07-01 14:00:00 CEST');
  });
});
