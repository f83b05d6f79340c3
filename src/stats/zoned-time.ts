import { DateTime } from 'luxon';

/**
 * The zone's short name at `instant`: `CEST`, `EDT`, `JST`. English locales name different zones
 * (en-US knows EDT but calls Berlin GMT+2; en-GB the reverse), so both are asked before settling
 * for an offset like `GMT+5:30`.
 */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  let offsetName = '';
  for (const locale of ['en-US', 'en-GB']) {
    const name = DateTime.fromMillis(instant, { zone: timeZone, locale }).toFormat('ZZZZ');
    if (!/^(GMT|UTC)[+-]/.test(name)) return name;
    offsetName ||= name;
  }
  return offsetName;
}

/** PluralKit's zoned date-time: `2026-05-01 14:30:00 CEST`. */
export function formatZoned(instant: number, timeZone: string): string {
  return `${DateTime.fromMillis(instant, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm:ss')} ${zoneAbbreviation(instant, timeZone)}`;
}
