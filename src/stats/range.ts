import { DateTime } from 'luxon';
import { quotedInput } from '../text/markdown.js';
import { readingZone } from '../time/local-time.js';
import { parseAt } from '../time/parse-at.js';

export type StatsRange =
  | {
      ok: true;
      /** null: the whole history. */
      start: Date | null;
      /** The range as the user may read it back: `30d`, `all`, or the start in the zone's words. */
      label: string;
      /** The zone dates were read in. */
      timeZone: string;
      /** The system's zone setting was unreadable and UTC was used; callers may say so. */
      zoneFellBack: boolean;
    }
  | { ok: false; message: string };

/** The choices `/stats` offers; any other duration or a date works too. */
export const RANGE_PRESETS = ['24h', '7d', '30d', '90d', '1y', 'all'] as const;
export const DEFAULT_RANGE = '30d';

const WHOLE_HISTORY = new Set(['all', 'full', 'all time', 'ever']);
const DURATION = /^(?:\d{1,6}\s*[ywdhms]\s*)+$/;
const DURATION_PART = /(\d{1,6})\s*([ywdhms])/g;
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const MAX_YEARS_BACK = 100;

function acceptedForms(zone: string, fellBack: boolean): string {
  const where = fellBack
    ? 'in UTC, because the system time zone setting is not one I know'
    : `in the system's time zone (\`${zone}\`)`;
  return [
    '• `24h`, `7d`, `30d` (the default), `90d`, `1y`, or `all` for the whole history',
    '• any length of time back from now: `100d12h`, `2w`, `36h`, `1y6w` (units y, w, d, h, m, s)',
    `• a start date or time, read ${where}: \`2026-05-01\`, \`May 1\`, \`2026-05-01 14:30\`, \`yesterday 23:00\``,
  ].join('\n');
}

/**
 * Start of a length of time back from `now`. Years are calendar years in the zone (a year ago is the
 * same date and time last year); the other units are fixed lengths, as in PluralKit's own ranges.
 */
function durationStart(text: string, now: Date, zone: string): Date | null {
  let years = 0;
  let fixedMs = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) {
    if (unit === 'y') years += Number(amount);
    else fixedMs += Number(amount) * UNIT_MS[unit!]!;
  }
  if (years > MAX_YEARS_BACK || fixedMs > MAX_YEARS_BACK * 365.25 * 86_400_000) return null;
  return new Date(DateTime.fromJSDate(now, { zone }).minus({ years }).toMillis() - fixedMs);
}

/**
 * Reads a `/stats` range: a preset, a duration, or a start date/time in the system's time zone
 * (every form `parseAt` reads). Refuses a start in the future or at now, and names every accepted
 * form when it cannot read the input.
 */
export function parseStatsRange(input: string | null | undefined, options: { now: Date; timeZone: string | null | undefined }): StatsRange {
  const { zone, fellBack } = readingZone(options.timeZone);
  const text = (input ?? '').trim().toLowerCase().replace(/\s+/g, ' ') || DEFAULT_RANGE;
  const accepted = (start: Date | null, label: string): StatsRange => ({ ok: true, start, label, timeZone: zone, zoneFellBack: fellBack });
  const refuse = (why: string): StatsRange => ({ ok: false, message: `${why} A range can be:\n${acceptedForms(zone, fellBack)}` });
  const notBeforeNow = (start: Date): StatsRange | null =>
    start.getTime() >= options.now.getTime() ? refuse(`${quotedInput(input ?? text)} does not start before now, so there is nothing to count.`) : null;

  if (WHOLE_HISTORY.has(text)) return accepted(null, 'all');
  if (DURATION.test(text)) {
    const start = durationStart(text, options.now, zone);
    if (!start) return refuse(`${quotedInput(text)} reaches back more than ${MAX_YEARS_BACK} years.`);
    return notBeforeNow(start) ?? accepted(start, text.replace(/\s+/g, ''));
  }
  const parsed = parseAt(text, { now: options.now, timeZone: options.timeZone });
  if (!parsed.ok) return refuse(`I couldn't read ${quotedInput(input ?? text)} as a range.`);
  if (parsed.date.getTime() > options.now.getTime()) {
    return refuse(`${quotedInput(input ?? text)} is in the future: a range has to start before now.`);
  }
  return notBeforeNow(parsed.date) ?? accepted(parsed.date, DateTime.fromJSDate(parsed.date, { zone }).toFormat('yyyy-MM-dd HH:mm'));
}
