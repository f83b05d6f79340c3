import { DateTime } from 'luxon';
import type { FrontInterval } from './types.js';

/*
 * Long timelines read as time per day or per week: a year of switches drawn one by one is
 * thousands of slivers thinner than a pixel. Buckets are whole days or weeks (from Monday) of the
 * viewer's calendar, so a day across a daylight-saving change is its 23 or 25 hours.
 */

export type BucketUnit = 'day' | 'week';

export interface TimeBucket {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
/** Up to this span a timeline shows every switch as it was. */
export const EXACT_TIMELINE_MAX_MS = 45 * DAY_MS;
/** Up to this span, by day; beyond, by week. */
const DAILY_TIMELINE_MAX_MS = 120 * DAY_MS;

/** How a timeline of this span is drawn: null for switch by switch, else the bucket unit. */
export function bucketUnitFor(spanMs: number): BucketUnit | null {
  if (spanMs <= EXACT_TIMELINE_MAX_MS) return null;
  return spanMs <= DAILY_TIMELINE_MAX_MS ? 'day' : 'week';
}

/** The days or weeks of `timeZone` that cover [start, end), the first and last cut to the period. */
export function calendarBuckets(start: number, end: number, timeZone: string, unit: BucketUnit): TimeBucket[] {
  const buckets: TimeBucket[] = [];
  let cursor = DateTime.fromMillis(start, { zone: timeZone }).startOf(unit);
  while (cursor.toMillis() < end) {
    const next = cursor.plus(unit === 'day' ? { days: 1 } : { weeks: 1 });
    buckets.push({ start: Math.max(start, cursor.toMillis()), end: Math.min(end, next.toMillis()) });
    cursor = next;
  }
  return buckets;
}

/** For each bucket, the part of it (0–1) that the intervals (oldest first, not overlapping) cover. */
export function bucketCoverage(intervals: readonly FrontInterval[], buckets: readonly TimeBucket[]): Float64Array {
  const covered = new Float64Array(buckets.length);
  let first = 0;
  for (const interval of intervals) {
    while (first < buckets.length && buckets[first]!.end <= interval.start) first++;
    for (let index = first; index < buckets.length && buckets[index]!.start < interval.end; index++) {
      const bucket = buckets[index]!;
      covered[index]! += Math.min(bucket.end, interval.end) - Math.max(bucket.start, interval.start);
    }
  }
  buckets.forEach((bucket, index) => (covered[index] = bucket.end > bucket.start ? covered[index]! / (bucket.end - bucket.start) : 0));
  return covered;
}
