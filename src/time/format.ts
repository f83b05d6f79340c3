export type DiscordTimestampStyle = 'f' | 'F' | 'R' | 't' | 'T' | 'd' | 'D';

/** `<t:unix:style>`: Discord renders it in each reader's own time zone and locale. */
export function discordTimestamp(date: Date, style: DiscordTimestampStyle): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}

/** `<t:…:f> (<t:…:R>)`: a date and how long ago, each reader in their own time zone. */
export function when(date: Date): string {
  return `${discordTimestamp(date, 'f')} (${discordTimestamp(date, 'R')})`;
}

/** PluralKit's duration style: the two largest units, e.g. `1d 2h`, `3h 5m`, `4m 10s`, `9s`. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const units: Array<[string, number]> = [
    ['d', Math.floor(totalSeconds / 86_400)],
    ['h', Math.floor(totalSeconds / 3600) % 24],
    ['m', Math.floor(totalSeconds / 60) % 60],
    ['s', totalSeconds % 60],
  ];
  const first = units.findIndex(([, value]) => value > 0);
  if (first === -1) return '0s';
  return units
    .slice(first, first + 2)
    .map(([unit, value]) => `${value}${unit}`)
    .join(' ');
}

/** An API timestamp as a Date, or null when it does not parse (a renderer never throws on data). */
export function parseTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `MMM dd, yyyy`, or `MMM dd` when the year is PluralKit's hidden-year 0004 (or legacy 0001). */
export function formatBirthday(birthday: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
  const monthName = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !monthName) return birthday;
  const [, year, , day] = match;
  const base = `${monthName} ${day}`;
  return year === '0004' || year === '0001' ? base : `${base}, ${year}`;
}
