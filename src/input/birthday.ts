import { isValidBirthday } from '../pluralkit/requests.js';
import type { Read } from './read.js';

/** PluralKit's year for "year hidden" (a leap year, so 29 February works). */
export const HIDDEN_YEAR = '0004';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const FORMS = '`YYYY-MM-DD`, `MM-DD` or `May 1` (year hidden), or `May 1 2000`';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function build(year: number | null, month: number, day: number): Read<string> {
  const value = `${year === null ? HIDDEN_YEAR : pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return isValidBirthday(value) ? { ok: true, value } : { ok: false, message: `is not a real date (${FORMS})` };
}

/**
 * A birthday as people write it. Without a year it is stored with PluralKit's hidden-year 0004
 * and shown without a year.
 */
export function readBirthday(input: string): Read<string> {
  const text = input.trim().toLowerCase().replace(/,/g, ' ').replace(/(\d)(st|nd|rd|th)\b/g, '$1').replace(/\s+/g, ' ');
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthDay = /^(\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (monthDay) return build(null, Number(monthDay[1]), Number(monthDay[2]));
  const named = /^([a-z]+)\.? (\d{1,2})(?: (\d{4}))?$/.exec(text) ?? /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(text);
  if (named) {
    const [monthWord, dayText] = /^\d/.test(named[1]!) ? [named[2]!, named[1]!] : [named[1]!, named[2]!];
    const month = MONTHS[monthWord];
    if (month !== undefined) return build(named[3] ? Number(named[3]) : null, month, Number(dayText));
  }
  return { ok: false, message: `is not a date I can read (use ${FORMS})` };
}
