import type { Micros } from './model.js';

/** Discord's epoch (2015-01-01T00:00:00Z) in milliseconds, used to read time out of a snowflake. */
const DISCORD_EPOCH_MS = 1420070400000n;

/** Sub-millisecond clock so that back-to-back switches get distinct timestamps, as with Postgres µs. */
export function nowMicros(): Micros {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

export function microsFromDate(date: Date): Micros {
  return date.getTime() * 1000;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatSeconds(micros: Micros): string {
  const date = new Date(Math.floor(micros / 1000));
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
  );
}

/** NodaTime "ExtendedIso": fraction only when non-zero, trailing zeros trimmed, always `Z`. */
export function formatExtendedIso(micros: Micros): string {
  const fractionMicros = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  const fraction = fractionMicros === 0 ? '' : `.${pad(fractionMicros, 6).replace(/0+$/, '')}`;
  return `${formatSeconds(micros)}${fraction}Z`;
}

/** NodaTime general pattern as used for message timestamps: never a fraction. */
export function formatGeneralIso(micros: Micros): string {
  return `${formatSeconds(micros)}Z`;
}

export function formatNullable(micros: Micros | null): string | null {
  return micros === null ? null : formatExtendedIso(micros);
}

function utcMicros(year: number, month: number, day: number, hour: number, minute: number, second: number): Micros | null {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    return null;
  }
  return date.getTime() * 1000;
}

function fractionToMicros(fraction: string | undefined): number {
  if (!fraction) return 0;
  return Number(fraction.slice(1, 7).padEnd(6, '0'));
}

const EXTENDED_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** Strict ExtendedIso (switch POST `timestamp`, `before`): UTC `Z` only. Returns null when invalid. */
export function parseExtendedIso(text: string): Micros | null {
  const match = EXTENDED_ISO.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const base = utcMicros(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  return base === null ? null : base + fractionToMicros(fraction);
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Stand-in for .NET `DateTime.Parse` + `ToUniversalTime` (switch PATCH): offsets are accepted and
 * a missing offset is read as UTC (the server runs in UTC). Falls back to Date.parse for other
 * human formats. Returns null when unparseable.
 */
export function parseLenientTimestamp(text: string): Micros | null {
  const match = ISO_WITH_OFFSET.exec(text.trim());
  if (match) {
    const [, y, mo, d, h, mi, s, fraction, offset] = match;
    const base = utcMicros(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? '0'));
    if (base === null) return null;
    let offsetMinutes = 0;
    if (offset && offset.toUpperCase() !== 'Z') {
      const digits = offset.replace(':', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return base + fractionToMicros(fraction) - offsetMinutes * 60_000_000;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed * 1000;
}

/** Parses seed input: a Date, or any string the lenient parser understands. */
export function seedTimestamp(value: string | Date): Micros {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('invalid Date in seed');
    return microsFromDate(value);
  }
  const micros = parseLenientTimestamp(value);
  if (micros === null) throw new Error(`invalid timestamp in seed: ${value}`);
  return micros;
}

export function snowflakeMillis(snowflake: string): number {
  return Number((BigInt(snowflake) >> 22n) + DISCORD_EPOCH_MS);
}
