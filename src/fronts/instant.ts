/*
 * Instants of front history as integer microseconds since the epoch. PluralKit keeps switch times
 * to the microsecond and refuses a second switch at the same instant, so an import compares its
 * times with PluralKit's at that precision: milliseconds would turn a PluralKit export read back
 * into a system that already holds it into near-duplicates a fraction of a millisecond apart.
 * (Microseconds since 1970 stay far below 2^53 for any year a front history can have.)
 */
export type Micros = number;

export const MICROS_PER_MILLI = 1_000;
export const MICROS_PER_SECOND = 1_000_000;

/** ISO 8601 date and time with seconds, an optional fraction and a `Z` or `±hh:mm` offset. */
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant (PluralKit's `…Z`, Octocon's, or with an offset); null when it is not one. */
export function parseIsoInstant(text: string): Micros | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [, seconds, fraction = '', zone] = match;
  const millis = Date.parse(`${seconds}${zone === 'Z' ? 'Z' : zone}`);
  if (Number.isNaN(millis)) return null;
  // Beyond microseconds PluralKit keeps nothing, so further digits are dropped.
  const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
  return millis * MICROS_PER_MILLI + micros;
}

/** An instant given in epoch milliseconds (Simply Plural's times); null when not a finite number. */
export function fromEpochMillis(millis: number): Micros | null {
  return Number.isFinite(millis) ? Math.round(millis * MICROS_PER_MILLI) : null;
}

export function toEpochMillis(micros: Micros): number {
  return Math.floor(micros / MICROS_PER_MILLI);
}

/**
 * PluralKit's own timestamp form (NodaTime ExtendedIso): UTC, `Z`, the fraction only when not
 * zero and without trailing zeros. The adapter passes a string in this form through untouched,
 * so the microseconds reach PluralKit.
 */
export function formatInstant(micros: Micros): string {
  const fraction = ((micros % MICROS_PER_SECOND) + MICROS_PER_SECOND) % MICROS_PER_SECOND;
  const seconds = new Date((micros - fraction) / MICROS_PER_MILLI).toISOString().slice(0, 19);
  const digits = fraction === 0 ? '' : `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
  return `${seconds}${digits}Z`;
}
