import { describe, expect, it } from 'vitest';
import { bucketCoverage, bucketUnitFor, calendarBuckets } from '../../src/stats/buckets.js';

const H = 3_600_000;
const D = 24 * H;

describe('timeline buckets', () => {
  it('draws up to 45 days switch by switch, then by day, then by week', () => {
    expect(bucketUnitFor(45 * D)).toBeNull();
    expect(bucketUnitFor(46 * D)).toBe('day');
    expect(bucketUnitFor(120 * D)).toBe('day');
    expect(bucketUnitFor(365 * D)).toBe('week');
  });

  it('cuts local days, a DST day being 23 hours, and the ends to the period', () => {
    // Berlin springs forward on 29 March 2026.
    const start = Date.parse('2026-03-28T12:00:00Z');
    const end = Date.parse('2026-03-30T12:00:00Z');
    const days = calendarBuckets(start, end, 'Europe/Berlin', 'day');
    expect(days).toEqual([
      { start, end: Date.parse('2026-03-28T23:00:00Z') },
      { start: Date.parse('2026-03-28T23:00:00Z'), end: Date.parse('2026-03-29T22:00:00Z') },
      { start: Date.parse('2026-03-29T22:00:00Z'), end },
    ]);
    expect(days[1]!.end - days[1]!.start).toBe(23 * H);
  });

  it('cuts weeks from Monday in the zone', () => {
    const weeks = calendarBuckets(Date.parse('2026-05-06T00:00:00Z'), Date.parse('2026-05-20T00:00:00Z'), 'UTC', 'week');
    expect(weeks.map((week) => new Date(week.start).toISOString())).toEqual(['2026-05-06T00:00:00.000Z', '2026-05-11T00:00:00.000Z', '2026-05-18T00:00:00.000Z']);
  });

  it('gives each bucket the part of it the intervals cover, across bucket edges', () => {
    const buckets = [
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 20, end: 30 },
    ];
    const covered = bucketCoverage(
      [
        { start: 2, end: 4 },
        { start: 8, end: 25 },
      ],
      buckets,
    );
    expect([...covered]).toEqual([0.4, 1, 0.5]);
    expect([...bucketCoverage([], buckets)]).toEqual([0, 0, 0]);
  });
});
