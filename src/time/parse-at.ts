import { DateTime, IANAZone } from 'luxon';

export type ParseAtResult = { ok: true; date: Date } | { ok: false; message: string };

export const ACCEPTED_TIME_FORMS =
  'Accepted forms: a time ago like `30m`, `2h`, `1d12h` or `1h30m`; a clock time like `14:30` or `2pm` (today, or yesterday if that is still to come); ' +
  'a date and time like `2026-05-01 14:30` or `May 1 2pm`; or `now`. Times are read in your PluralKit time zone.';

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const UNIT_ALIASES: Record<string, string> = {
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
  d: 'd', day: 'd', days: 'd',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
};

function parseRelative(text: string): number | null {
  const compact = text.replace(/\s+ago$/, '').trim();
  const pattern = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/gy;
  let total = 0;
  let matched = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(compact)) !== null) {
    const unit = UNIT_ALIASES[match[2]!];
    if (!unit) return null;
    total += Number(match[1]) * UNIT_MS[unit]!;
    matched = pattern.lastIndex;
  }
  return matched === compact.length && matched > 0 ? total : null;
}

function parseClock(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2})(?:[:h.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  const meridiem = match[3]?.replace(/\./g, '');
  if (!match[2] && !meridiem) return null; // a bare number is not a time
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

const DATE_FORMATS = ['yyyy-MM-dd', 'yyyy/MM/dd', 'MMM d yyyy', 'MMMM d yyyy', 'd MMM yyyy', 'd MMMM yyyy', 'MMM d', 'MMMM d', 'd MMM', 'd MMMM'];

function parseDate(text: string, zone: string, now: DateTime): DateTime | null {
  const cleaned = text.replace(/,/g, ' ').replace(/(\d)(st|nd|rd|th)\b/g, '$1').replace(/\s+/g, ' ').trim();
  for (const format of DATE_FORMATS) {
    const parsed = DateTime.fromFormat(cleaned, format, { zone, locale: 'en' });
    if (!parsed.isValid) continue;
    if (format.includes('yyyy')) return parsed;
    // Without a year: the most recent such day that is not in the future.
    const thisYear = parsed.set({ year: now.year });
    return thisYear > now ? thisYear.minus({ years: 1 }) : thisYear;
  }
  return null;
}

/**
 * Reads an `at` option in the system's time zone. A local time that does not
 * exist (spring-forward gap) moves forward by the gap; an ambiguous one
 * (fall-back) takes the earlier instant — luxon's rules, applied consistently.
 */
export function parseAt(input: string, options: { now: Date; timeZone: string }): ParseAtResult {
  const zone = IANAZone.isValidZone(options.timeZone) ? options.timeZone : 'UTC';
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const now = DateTime.fromJSDate(options.now, { zone });
  const fail = (): ParseAtResult => ({ ok: false, message: `I couldn't read \`${input.trim().slice(0, 60)}\` as a time. ${ACCEPTED_TIME_FORMS}` });
  if (text === '') return fail();
  if (text === 'now') return { ok: true, date: options.now };

  const relative = parseRelative(text);
  if (relative !== null) return { ok: true, date: new Date(options.now.getTime() - relative) };

  const clock = parseClock(text);
  if (clock) {
    let candidate = now.set({ hour: clock.hour, minute: clock.minute, second: 0, millisecond: 0 });
    if (candidate > now) candidate = candidate.minus({ days: 1 }).set({ hour: clock.hour, minute: clock.minute });
    return { ok: true, date: candidate.toJSDate() };
  }

  if (/^\d{4}-\d{2}-\d{2}t/.test(text) || /(z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const iso = DateTime.fromISO(text.toUpperCase(), { zone, setZone: false });
    if (iso.isValid) return { ok: true, date: iso.toJSDate() };
  }

  // Date + optional time: try every split point between a date part and a clock part, either order.
  const words = text.replace(/,/g, ' ').split(' ').filter(Boolean);
  for (let split = words.length; split >= 1; split--) {
    const first = words.slice(0, split).join(' ');
    const rest = words.slice(split).join(' ');
    for (const [datePart, timePart] of [
      [first, rest],
      [rest, first],
    ] as const) {
      if (!datePart) continue;
      const date = parseDate(datePart, zone, now);
      if (!date) continue;
      const time = timePart ? parseClock(timePart) : { hour: 0, minute: 0 };
      if (!time) continue;
      return { ok: true, date: date.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 }).toJSDate() };
    }
  }
  return fail();
}
