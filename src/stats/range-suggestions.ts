import { DateTime } from 'luxon';
import { Refusal } from '../core/refusal.js';
import { readingZone } from '../time/local-time.js';
import { parseStatsRange, type StatsRange } from './range.js';

/** What the `range` picker offers, read as a range would be (so each can show its dates). */
export interface RangeSuggestion {
  /** What goes into the option. */
  value: string;
  kind: 'preset' | 'calendar' | 'month' | 'typed';
  range: StatsRange;
}

export const RANGE_PRESETS = ['24h', '7d', '30d', '90d', '1y', 'all'] as const;
const CALENDAR = ['this month', 'last month'] as const;
/** Months by name, newest first, from the one before last month back this far. */
const MONTHS_BACK = 12;
/** Discord shows 25 choices at most. */
const MAX_CHOICES = 25;

function readable(value: string, now: Date, timeZone: string): StatsRange | null {
  try {
    return parseStatsRange({ range: value }, { now, timeZone });
  } catch (error) {
    if (error instanceof Refusal) return null;
    throw error;
  }
}

function squash(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Choices for `/stats`'s `range` while it is typed: the presets, this and last month, months by
 * name (the last year of them), filtered by what is typed; typed text that reads as a range of
 * its own comes first, so the picker shows what it means.
 */
export function rangeSuggestions(query: string, options: { now: Date; timeZone: string | null | undefined }): RangeSuggestion[] {
  const { zone } = readingZone(options.timeZone);
  const now = options.now;
  const typed = squash(query);
  const lastMonth = DateTime.fromJSDate(now, { zone }).startOf('month').minus({ months: 1 });
  const months = Array.from({ length: MONTHS_BACK }, (_, back) => lastMonth.minus({ months: back + 1 }).setLocale('en').toFormat('LLLL yyyy'));
  const candidates: Array<[string, RangeSuggestion['kind']]> = [
    ...RANGE_PRESETS.map((value): [string, RangeSuggestion['kind']] => [value, 'preset']),
    ...CALENDAR.map((value): [string, RangeSuggestion['kind']] => [value, 'calendar']),
    ...months.map((value): [string, RangeSuggestion['kind']] => [value, 'month']),
  ];
  const offered: RangeSuggestion[] = [];
  for (const [value, kind] of candidates) {
    if (typed !== '' && !value.toLowerCase().startsWith(typed) && !value.toLowerCase().split(' ').some((word) => word.startsWith(typed))) continue;
    const range = readable(value, now, zone);
    if (range) offered.push({ value, kind, range });
  }
  const own = typed === '' ? null : readable(query, now, zone);
  const same = (a: StatsRange, b: StatsRange) => a.start?.getTime() === b.start?.getTime() && a.end.getTime() === b.end.getTime();
  // What was typed, unless a choice already says the same (typing `nov` offers November once).
  const typedFirst = own && !offered.some((suggestion) => same(suggestion.range, own)) ? [{ value: query.trim(), kind: 'typed' as const, range: own }] : [];
  return [...typedFirst, ...offered].slice(0, MAX_CHOICES);
}
