import { DateTime } from 'luxon';
import type { StatsRangeOption } from '../core/refusal-codes.js';
import { DEFAULT_RANGE, type StatsRange } from '../stats/range.js';
import { rangeSuggestions, type RangeSuggestion } from '../stats/range-suggestions.js';
import { truncate } from '../text/truncate.js';

/** Every form `range` (or `until`) takes, for a refusal. */
export function statsRangeForms(option: StatsRangeOption, zone: string, zoneFellBack: boolean): string {
  const where = zoneFellBack ? 'in UTC, because the time zone setting is not one I know' : `in your time zone (\`${zone}\`)`;
  if (option === 'until') {
    return [
      'An end can be:',
      '• a time ago: `7d`, `2w`, `36h` (units mo, w, d, h, m for minutes, s)',
      `• a date or time, read ${where}: \`2026-05-01\` (the end of that day), \`May 1 14:30\`, \`yesterday 23:00\``,
      '• the end of a month or year: `last month`, `November`, `Nov 2025`, `2025`',
    ].join('\n');
  }
  return [
    'A range can be:',
    '• `24h`, `7d`, `30d` (the default), `90d`, `1y`, or `all` for the whole history',
    '• any length of time back: `100d12h`, `2w`, `3mo`, `1y6w` (units y, mo, w, d, h, m for minutes, s)',
    '• `this month`, `last month`, `this week`, `last year`, a month by name (`November`, `Nov 2025`) or a year (`2025`)',
    `• a start date or time, read ${where}: \`2026-05-01\`, \`May 1\`, \`2026-05-01 14:30\`, \`yesterday 23:00\``,
    'and `until` ends it earlier than now.',
  ].join('\n');
}

/** Said above the reply when `m` was read as minutes for a range under an hour. */
export function minutesWarning(range: Pick<StatsRange, 'label'>): string {
  return `⚠️ \`${range.label.replace(/\s+until .*/, '')}\` is read as minutes (\`m\`): under an hour of front history. For months, write \`mo\`, like \`1mo\`.`;
}

function when(instant: Date, zone: string, withTime: boolean): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale('en').toFormat(withTime ? 'd LLL yyyy, HH:mm' : 'd LLL yyyy');
}

/** A choice's name: the value, then what it covers (`30d (default) · since 1 May 2026, 14:30`). */
function choiceName(suggestion: RangeSuggestion): string {
  const { value, range } = suggestion;
  const shown = value === DEFAULT_RANGE ? `${value} (default)` : value;
  if (range.start === null) return `${shown} · the whole history`;
  if (suggestion.kind === 'month') return shown;
  const dayAligned = (instant: Date) => DateTime.fromJSDate(instant, { zone: range.timeZone }).startOf('day').toMillis() === instant.getTime();
  const withTime = !dayAligned(range.start) || (!range.endsNow && !dayAligned(range.end));
  const span = range.endsNow ? `since ${when(range.start, range.timeZone, withTime)}` : `${when(range.start, range.timeZone, withTime)} – ${when(range.end, range.timeZone, withTime)}`;
  return truncate(`${shown} · ${span}`, 100);
}

/** Autocomplete choices for `range`, in the viewer's zone. */
export function statsRangeChoices(query: string, now: Date, timeZone: string | null | undefined): Array<{ name: string; value: string }> {
  return rangeSuggestions(query, { now, timeZone }).map((suggestion) => ({ name: choiceName(suggestion), value: truncate(suggestion.value, 100) }));
}
