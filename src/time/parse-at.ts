import type { AtProblemCode } from '../core/refusal-codes.js';
import { DateTime } from 'luxon';
import { parseDurationMs } from './duration.js';
import { calendarDate, instantFromLocal, readingZone, type LocalDateTime } from './local-time.js';

export type ParseAtResult =
  | {
      ok: true;
      date: Date;
      /** The zone the value was read in. */
      timeZone: string;
      /** True when the system's zone was unreadable and UTC was used instead; callers may say so. */
      zoneFellBack: boolean;
    }
  | { ok: false; problem: AtProblem; zone: string; zoneFellBack: boolean };

/** Why an `at` value could not be read (worded by the refusal `at.unreadable`). */
export type AtProblem = AtProblemCode;

export const MAX_AT_LENGTH = 100;
const MAX_AGO_MS = 100 * 365.25 * 86_400_000;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

interface Clock {
  hour: number;
  minute: number;
  second: number;
}

type DatePart =
  | { kind: 'absolute'; year: number; month: number; day: number }
  | { kind: 'yearless'; month: number; day: number }
  | { kind: 'relative-day'; offset: number };

const MIDNIGHT: Clock = { hour: 0, minute: 0, second: 0 };
/** How far back a year-less date may reach: far enough for 29 February. */
const YEARLESS_LOOKBACK_YEARS = 8;

/** Milliseconds ago for `30m`, `1d12h`, `2 hours ago`, `an hour`; null if `text` is not such a period. */
function parseAgo(text: string): number | null {
  return parseDurationMs(text.replace(/\s*\bago$/, ''));
}

function parseClock(text: string): Clock | null {
  if (text === 'noon') return { hour: 12, minute: 0, second: 0 };
  if (text === 'midnight') return MIDNIGHT;
  const match = /^(\d{1,2})(?:[:.h](\d{2})(?::(\d{2}))?)?\s*(am|pm|a\.m\.?|p\.m\.?|a|p)?$/.exec(text);
  if (!match) return null;
  const [, hourText, minuteText, secondText, meridiemText] = match;
  // A bare number is a day or an amount, never a time.
  if (minuteText === undefined && meridiemText === undefined) return null;
  let hour = Number(hourText);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  if (meridiemText !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiemText.startsWith('p') ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

function parseDatePart(text: string): DatePart | null {
  if (text === 'today') return { kind: 'relative-day', offset: 0 };
  if (text === 'yesterday') return { kind: 'relative-day', offset: -1 };
  const numeric = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (numeric) return { kind: 'absolute', year: Number(numeric[1]), month: Number(numeric[2]), day: Number(numeric[3]) };
  const monthFirst = /^([a-z]+)\.? (\d{1,2})(?: (\d{4}))?$/.exec(text);
  const dayFirst = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(text);
  const [monthName, dayText, yearText] = monthFirst
    ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]]
    : dayFirst
      ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]]
      : [undefined, undefined, undefined];
  const month = monthName === undefined ? undefined : MONTHS[monthName];
  if (month === undefined || dayText === undefined) return null;
  const day = Number(dayText);
  return yearText === undefined ? { kind: 'yearless', month, day } : { kind: 'absolute', year: Number(yearText), month, day };
}

/** Splits `words` into a date part and an optional clock part, in either order. */
function parseDateAndClock(words: readonly string[]): { date: DatePart; clock: Clock } | null {
  for (let split = words.length; split >= 1; split--) {
    const head = words.slice(0, split).join(' ');
    const tail = words.slice(split).join(' ');
    for (const [datePart, clockPart] of [
      [head, tail],
      [tail, head],
    ] as const) {
      if (datePart === '') continue;
      const date = parseDatePart(datePart);
      if (!date) continue;
      const clock = clockPart === '' ? MIDNIGHT : parseClock(clockPart);
      if (clock) return { date, clock };
    }
  }
  return null;
}

function normalise(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/,/g, ' ')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\b(at|on|of|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads an `at` option (a past moment) in the system's PluralKit time zone;
 * an unknown zone falls back to UTC. Never refuses a future result: callers
 * decide what "too late" means (see `checkSwitchTime`).
 *
 * DST edges are resolved deterministically (see `instantFromLocal`): a time in
 * a spring-forward gap moves forward by the gap, and a time that happens twice
 * at a fall-back is the earlier of the two.
 */
export function parseAt(input: string, options: { now: Date; timeZone: string | null | undefined }): ParseAtResult {
  const { zone, fellBack } = readingZone(options.timeZone);
  const now = options.now;
  const fail = (problem: AtProblem): ParseAtResult => ({ ok: false, problem, zone, zoneFellBack: fellBack });
  const found = (date: Date): ParseAtResult => ({ ok: true, date, timeZone: zone, zoneFellBack: fellBack });

  if (input.length > MAX_AT_LENGTH) return fail('too-long');
  const isoMatch = ISO_DATE_TIME.exec(input.trim().toLowerCase());
  const text = normalise(input);
  if (text === '') return fail('empty');
  if (text === 'now' || text === 'just now') return found(new Date(now.getTime()));

  const ago = parseAgo(text);
  if (ago !== null) {
    if (ago > MAX_AGO_MS) return fail('over-a-century-ago');
    return found(new Date(now.getTime() - ago));
  }

  if (isoMatch) {
    const [, year, month, day, hour, minute, second, offset] = isoMatch;
    if (offset !== undefined) {
      // The offset says which instant is meant; the system's zone plays no part.
      const withOffset = DateTime.fromISO(input.trim().replace(' ', 'T').replace(/\s+/g, '').toUpperCase(), { setZone: true });
      return withOffset.isValid ? found(withOffset.toJSDate()) : fail('not-a-real-date-and-time');
    }
    const local: LocalDateTime = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second ?? 0) };
    const instant = instantFromLocal(local, zone);
    return instant ? found(instant) : fail('not-a-real-date-and-time');
  }

  const clock = parseClock(text);
  if (clock) {
    // The most recent time the clock showed this: today, or yesterday if today's is still to come.
    const today = instantFromLocal({ ...calendarDate(now, zone), ...clock }, zone);
    if (today && today.getTime() <= now.getTime()) return found(today);
    const yesterday = instantFromLocal({ ...calendarDate(now, zone, -1), ...clock }, zone);
    return yesterday ? found(yesterday) : fail('not-placeable');
  }

  const combined = parseDateAndClock(text.split(' '));
  if (!combined) return fail('unreadable');
  const { date, clock: time } = combined;
  if (date.kind === 'relative-day') {
    const instant = instantFromLocal({ ...calendarDate(now, zone, date.offset), ...time }, zone);
    return instant ? found(instant) : fail('not-placeable');
  }
  if (date.kind === 'absolute') {
    const instant = instantFromLocal({ year: date.year, month: date.month, day: date.day, ...time }, zone);
    return instant ? found(instant) : fail('not-a-real-date');
  }
  const currentYear = calendarDate(now, zone).year;
  for (let year = currentYear; year >= currentYear - YEARLESS_LOOKBACK_YEARS; year--) {
    const instant = instantFromLocal({ year, month: date.month, day: date.day, ...time }, zone);
    if (instant && instant.getTime() <= now.getTime()) return found(instant);
  }
  return fail('not-a-real-date');
}

