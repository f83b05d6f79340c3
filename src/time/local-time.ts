import { DateTime, IANAZone } from 'luxon';

/** A wall-clock date and time, as a person in some zone would read it. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** The tzdb zone to read times in: the system's own, or UTC when it is missing or unknown. */
export function readingZone(timeZone: string | null | undefined): { zone: string; fellBack: boolean } {
  if (timeZone && IANAZone.isValidZone(timeZone)) return { zone: timeZone, fellBack: false };
  // No setting at all means PluralKit's own default, UTC; only an unreadable setting is a fallback.
  return { zone: 'UTC', fellBack: Boolean(timeZone) };
}

/**
 * The instant a wall-clock time denotes in `zone`, or null when no such
 * calendar date exists (30 February).
 *
 * DST edges, resolved the same way whatever the machine's clock says:
 * - a time skipped by a spring-forward gap moves forward by the gap's length
 *   (02:30 on a New York spring-forward day is 03:30 EDT);
 * - a time that happens twice at a fall-back takes the **earlier** instant
 *   (01:30 on a New York fall-back day is 01:30 EDT, not EST).
 *
 * luxon alone guesses an ambiguous time's offset from the offset in force at
 * the real current moment, so the result would change with the seasons; asking
 * for every possible offset and taking the earliest removes that dependence.
 */
export function instantFromLocal(local: LocalDateTime, zone: string): Date | null {
  const parsed = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second ?? 0, millisecond: 0 },
    { zone },
  );
  if (!parsed.isValid) return null;
  const earliest = parsed.getPossibleOffsets().reduce((best, candidate) => (candidate.toMillis() < best.toMillis() ? candidate : best), parsed);
  return earliest.toJSDate();
}

/** The calendar date (in `zone`) that `instant` falls on, moved by `dayOffset` days. */
export function calendarDate(instant: Date, zone: string, dayOffset = 0): { year: number; month: number; day: number } {
  const shifted = DateTime.fromJSDate(instant, { zone }).plus({ days: dayOffset });
  return { year: shifted.year, month: shifted.month, day: shifted.day };
}
