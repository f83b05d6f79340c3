import type { AtProblemCode } from '../core/refusal-codes.js';
import { quotedInput } from '../text/markdown.js';
import { MAX_AT_LENGTH } from '../time/parse-at.js';

/** Every form an `at` option takes, with examples, for refusals and help text. */
export const ACCEPTED_TIME_FORMS = [
  '• a time ago: `30m`, `2h`, `1d12h`, `1h 30m ago`, `2 hours`',
  "• a clock time: `14:30`, `2pm`, `2:15 pm`, `14h30` (today, or yesterday if that time hasn't come yet)",
  '• a date and time: `2026-05-01 14:30`, `May 1 2pm`, `1 May 14:30`, `May 1, 2026 2:30pm`, `yesterday 23:00` (a date without a year is its most recent occurrence)',
  '• a date alone, meaning midnight: `2026-05-01`, `May 1`',
  '• `now`, or a full timestamp with its offset: `2026-05-01T14:30:00Z`, `2026-05-01T14:30+02:00`',
].join('\n');

function why(problem: AtProblemCode, quoted: string): string {
  switch (problem) {
    case 'too-long':
      return `That time is too long to be one (over ${MAX_AT_LENGTH} characters).`;
    case 'empty':
      return 'Give a time.';
    case 'over-a-century-ago':
      return `${quoted} is more than 100 years ago.`;
    case 'not-a-real-date-and-time':
      return `${quoted} is not a real date and time.`;
    case 'not-placeable':
      return `I couldn't place ${quoted} in time.`;
    case 'unreadable':
      return `I couldn't read ${quoted} as a time.`;
    case 'not-a-real-date':
      return `${quoted} is not a real date.`;
  }
}

/** Why an `at` value was refused, the forms it takes, and the zone it was read in. */
export function renderUnreadableAt(data: { input: string; problem: AtProblemCode; zone: string; zoneFellBack: boolean }): string {
  const zoneNote = data.zoneFellBack
    ? 'Times are read in UTC, because your PluralKit time zone setting is not one I know.'
    : `Times are read in your PluralKit time zone (\`${data.zone}\`).`;
  return `${why(data.problem, quotedInput(data.input))} You can use:\n${ACCEPTED_TIME_FORMS}\n${zoneNote}`;
}
