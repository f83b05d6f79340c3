import { DateTime, type DurationLikeObject } from 'luxon';
import { refuse } from '../core/refusal.js';
import { readingZone } from '../time/local-time.js';
import { parseAt } from '../time/parse-at.js';

/*
 * `/stats` ranges, read in the viewer's time zone: a length of time back from the end, a calendar
 * period (this or last week, month or year; a month by name; a year), the whole history, or a
 * start date/time; `until` moves the end from now to a date/time in the past. Calendar units
 * (years, months, weeks, days) are counted on the zone's calendar, so a range across a
 * daylight-saving change still starts at the same wall-clock time; hours, minutes and seconds are
 * fixed lengths.
 */

export interface StatsRange {
  /** null: the whole history. */
  start: Date | null;
  /** Now, or the end of a calendar period or of `until`, never later than now. */
  end: Date;
  /** Whether the range ends now (and the current switch counts up to now). */
  endsNow: boolean;
  /** The range as the user may read it back: `30d`, `all`, `October 2026`, or the start in the zone's words. */
  label: string;
  /** The zone dates were read in. */
  timeZone: string;
  /** The viewer's zone setting was unreadable and UTC was used; callers may say so. */
  zoneFellBack: boolean;
  /** `m` was read as minutes and the range is under an hour (months are `mo`): say so. */
  minutesWarning: boolean;
}

export interface RangeInput {
  range?: string | null | undefined;
  until?: string | null | undefined;
}

export const DEFAULT_RANGE = '30d';
const WHOLE_HISTORY = new Set(['all', 'full', 'all time', 'ever']);
const MAX_YEARS_BACK = 100;
const HOUR_MS = 3_600_000;

const UNITS: Record<string, keyof DurationLikeObject> = {
  y: 'years', yr: 'years', yrs: 'years', year: 'years', years: 'years',
  mo: 'months', mos: 'months', mon: 'months', month: 'months', months: 'months',
  w: 'weeks', wk: 'weeks', wks: 'weeks', week: 'weeks', weeks: 'weeks',
  d: 'days', day: 'days', days: 'days',
  h: 'hours', hr: 'hours', hrs: 'hours', hour: 'hours', hours: 'hours',
  m: 'minutes', min: 'minutes', mins: 'minutes', minute: 'minutes', minutes: 'minutes',
  s: 'seconds', sec: 'seconds', secs: 'seconds', second: 'seconds', seconds: 'seconds',
};
const DURATION = /^(?:\d{1,6} ?[a-z]+ ?)+$/;
const DURATION_PART = /(\d{1,6}) ?([a-z]+)/g;

export const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** 1–12 for a month's name or its first three letters (and `sept`), else null. */
export function monthNumber(word: string): number | null {
  const cleaned = word.replace(/\.$/, '');
  if (cleaned === 'sept') return 9;
  const index = MONTH_NAMES.findIndex((name) => name === cleaned || (cleaned.length === 3 && name.startsWith(cleaned)));
  return index === -1 ? null : index + 1;
}

type Period = { start: DateTime | null; end: DateTime | null; label: string; minutes?: boolean };

interface Reading {
  now: DateTime;
  zone: string;
  fellBack: boolean;
}

function normalise(text: string | null | undefined): string {
  return (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A length of time such as `100d12h`, `1mo`, `2 weeks`: the amounts per luxon unit, and whether a bare `m` (minutes) was used. */
function readDuration(text: string): { amounts: DurationLikeObject; bareMinutes: boolean } | null {
  if (!DURATION.test(text)) return null;
  const amounts: Record<string, number> = {};
  let bareMinutes = false;
  for (const [, amount, unitText] of text.matchAll(DURATION_PART)) {
    const unit = UNITS[unitText!];
    if (!unit) return null;
    amounts[unit] = (amounts[unit] ?? 0) + Number(amount);
    if (unitText === 'm') bareMinutes = true;
  }
  return { amounts, bareMinutes };
}

/** `end` minus the duration: calendar units on the zone's calendar, then fixed hours, minutes and seconds. */
function durationBefore(end: DateTime, amounts: DurationLikeObject): DateTime {
  const { hours = 0, minutes = 0, seconds = 0, ...calendar } = amounts;
  return end.minus(calendar).minus({ milliseconds: ((hours as number) * 3600 + (minutes as number) * 60 + (seconds as number)) * 1000 });
}

/** `this month`, `last week`, `this year`… */
function calendarPeriod(text: string, now: DateTime): Period | null {
  const match = /^(this|last|previous) (week|month|year)$/.exec(text);
  if (!match) return null;
  const unit = match[2] as 'week' | 'month' | 'year';
  const current = now.startOf(unit);
  const label = `${match[1] === 'this' ? 'this' : 'last'} ${unit}`;
  return match[1] === 'this' ? { start: current, end: null, label } : { start: current.minus({ [`${unit}s`]: 1 }), end: current, label };
}

/** `November`, `nov 2025`, `2025-11`, `2025`: that month or year (a month without a year is the latest that has begun). */
function namedPeriod(text: string, now: DateTime): Period | null {
  const year = /^(\d{4})$/.exec(text);
  if (year) {
    const start = now.set({ year: Number(year[1]) }).startOf('year');
    return { start, end: start.plus({ years: 1 }), label: year[1]! };
  }
  const numeric = /^(\d{4})-(\d{1,2})$/.exec(text);
  const named = /^([a-z]+\.?)(?: (\d{4}))?$/.exec(text);
  let month: number | null = null;
  let yearNumber: number | null = null;
  if (numeric) {
    month = Number(numeric[2]);
    yearNumber = Number(numeric[1]);
    if (month < 1 || month > 12) return null;
  } else if (named) {
    month = monthNumber(named[1]!);
    yearNumber = named[2] === undefined ? null : Number(named[2]);
  }
  if (month === null) return null;
  let start = now.set({ month, day: 1 }).startOf('month');
  if (yearNumber !== null) start = start.set({ year: yearNumber });
  else if (start > now) start = start.minus({ years: 1 });
  return { start, end: start.plus({ months: 1 }), label: start.setLocale('en').toFormat('LLLL yyyy') };
}

/** A date without a clock time (`2026-05-31`, `May 31`, `31 May 2026`, `yesterday`): as an end it means the end of that day. */
const DATE_ALONE = [/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/, /^[a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,?(?: \d{4})?$/, /^\d{1,2}(?:st|nd|rd|th)? [a-z]+\.?,?(?: \d{4})?$/, /^(?:today|yesterday)$/];

function readStart(text: string, input: string, reading: Reading, end: DateTime): Period {
  const { now, zone } = reading;
  if (WHOLE_HISTORY.has(text)) return { start: null, end: null, label: 'all' };
  const duration = readDuration(text);
  if (duration) {
    const start = durationBefore(end, duration.amounts);
    if (end.diff(start, 'years').years > MAX_YEARS_BACK) refuse('stats.range-too-far', { input, years: MAX_YEARS_BACK });
    return { start, end: null, label: text.replace(/ /g, ''), minutes: duration.bareMinutes };
  }
  const period = calendarPeriod(text, now) ?? namedPeriod(text, now);
  if (period) return period;
  const parsed = parseAt(text, { now: now.toJSDate(), timeZone: zone });
  if (!parsed.ok) refuse('stats.range-unreadable', { input, option: 'range', zone, zoneFellBack: reading.fellBack });
  const start = DateTime.fromJSDate(parsed.date, { zone });
  return { start, end: null, label: start.toFormat('yyyy-MM-dd HH:mm') };
}

/** `until`: a date/time or time ago; a date alone, or a period (`November`, `last month`), ends where that day or period ends. */
function readUntil(text: string, input: string, reading: Reading): DateTime {
  const { now, zone } = reading;
  const period = calendarPeriod(text, now) ?? namedPeriod(text, now);
  if (period?.start) {
    if (period.start > now) refuse('stats.range-in-future', { input, option: 'until' });
    return period.end && period.end < now ? period.end : now;
  }
  const parsed = parseAt(text, { now: now.toJSDate(), timeZone: zone });
  if (!parsed.ok) refuse('stats.range-unreadable', { input, option: 'until', zone, zoneFellBack: reading.fellBack });
  const instant = DateTime.fromJSDate(parsed.date, { zone });
  if (instant > now) refuse('stats.range-in-future', { input, option: 'until' });
  const end = DATE_ALONE.some((form) => form.test(text)) ? instant.startOf('day').plus({ days: 1 }) : instant;
  return end > now ? now : end;
}

/**
 * Reads `/stats`'s `range` and `until` in the viewer's zone (UTC when it is unknown). Refuses
 * (a `Refusal`) what it cannot read, an `until` in the future, a start at or after the end, and
 * more than 100 years back.
 */
export function parseStatsRange(input: RangeInput, options: { now: Date; timeZone: string | null | undefined }): StatsRange {
  const { zone, fellBack } = readingZone(options.timeZone);
  const now = DateTime.fromJSDate(options.now, { zone });
  const reading: Reading = { now, zone, fellBack };
  const rangeText = normalise(input.range) || DEFAULT_RANGE;
  const untilText = normalise(input.until);
  const rangeInput = input.range?.trim() || DEFAULT_RANGE;
  const until = untilText === '' ? null : readUntil(untilText, input.until!.trim(), reading);

  const period = readStart(rangeText, rangeInput, reading, until ?? now);
  const endAt = until ?? (period.end && period.end < now ? period.end : now);
  const start = period.start;
  if (start !== null && start > now) refuse('stats.range-in-future', { input: rangeInput, option: 'range' });
  if (start !== null && start >= endAt) refuse('stats.range-empty', { range: rangeInput, until: until === null ? null : input.until!.trim() });
  const endsNow = endAt.toMillis() === now.toMillis();
  const label = until === null ? period.label : `${period.label} until ${endAt.toFormat('yyyy-MM-dd HH:mm')}`;
  const spanMs = start === null ? Infinity : endAt.toMillis() - start.toMillis();
  return {
    start: start === null ? null : start.toJSDate(),
    end: endAt.toJSDate(),
    endsNow,
    label,
    timeZone: zone,
    zoneFellBack: fellBack,
    minutesWarning: period.minutes === true && spanMs < HOUR_MS,
  };
}
