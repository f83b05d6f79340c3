import { describe, expect, it } from 'vitest';
import { formatInstant, fromEpochMillis, parseIsoInstant, toEpochMillis } from '../../src/fronts/instant.js';

describe('instants to the microsecond', () => {
  it('reads PluralKit’s timestamps and writes them back exactly', () => {
    for (const timestamp of ['2021-11-07T05:29:06.593446Z', '2025-03-01T14:00:00.5Z', '2025-03-01T08:00:00Z', '2019-06-30T23:59:59.000001Z']) {
      expect(formatInstant(parseIsoInstant(timestamp)!)).toBe(timestamp);
    }
  });

  it('writes PluralKit’s form: no fraction when whole, no trailing zeros', () => {
    expect(formatInstant(parseIsoInstant('2024-01-01T00:00:00.000Z')!)).toBe('2024-01-01T00:00:00Z');
    expect(formatInstant(parseIsoInstant('2024-01-01T00:00:00.120Z')!)).toBe('2024-01-01T00:00:00.12Z');
    expect(formatInstant(fromEpochMillis(Date.parse('2025-03-01T08:00:00.250Z'))!)).toBe('2025-03-01T08:00:00.25Z');
  });

  it('reads offsets as UTC and drops digits beyond microseconds', () => {
    expect(parseIsoInstant('2024-01-01T12:00:00+01:00')).toBe(parseIsoInstant('2024-01-01T11:00:00Z'));
    expect(parseIsoInstant('2024-01-01T12:00:00.1234567-02:30')).toBe(parseIsoInstant('2024-01-01T14:30:00.123456Z'));
  });

  it('refuses what is not a full date and time', () => {
    for (const text of ['', 'yesterday', '2024-01-01', '2024-01-01 10:00:00Z', '2024-01-01T10:00Z', '2024-13-01T10:00:00Z', '2024-01-01T10:00:00', '2024-01-01T10:00:00.Z']) {
      expect(parseIsoInstant(text), text).toBeNull();
    }
    expect(fromEpochMillis(Number.NaN)).toBeNull();
    expect(fromEpochMillis(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('converts to and from epoch milliseconds', () => {
    const ms = Date.parse('2025-03-01T08:00:00.250Z');
    expect(toEpochMillis(fromEpochMillis(ms)!)).toBe(ms);
    expect(toEpochMillis(parseIsoInstant('2021-11-07T05:29:06.593446Z')!)).toBe(Date.parse('2021-11-07T05:29:06.593Z'));
  });
});
