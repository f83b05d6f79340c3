/** Discord's timestamp styles, shown in the browser's own time zone and language. */
const STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(date: Date, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** `<t:1700000000:R>` and friends. */
export function discordTimestamp(unixSeconds: number, style = 'f'): string {
  const date = new Date(unixSeconds * 1000);
  if (style === 'R') return relativeTime(date);
  return new Intl.DateTimeFormat(undefined, STYLES[style] ?? STYLES.f).format(date);
}

export function fullDate(date: Date): string {
  return new Intl.DateTimeFormat(undefined, STYLES.F).format(date);
}

/** "Today at 14:30", "Yesterday at 09:12", else a short date and time: Discord's message header. */
export function calendarTime(date: Date, now = new Date()): string {
  const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(date);
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(date)) / 86_400_000);
  if (days === 0) return `Today at ${time}`;
  if (days === 1) return `Yesterday at ${time}`;
  return `${new Intl.DateTimeFormat(undefined, { dateStyle: 'short' }).format(date)} ${time}`;
}
