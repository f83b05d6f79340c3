import { describe, expect, it } from 'vitest';
import { DISCORD_EPOCH_MS, isRecent, isValidSnowflake, snowflakeToDate } from '../../src/messages/snowflake.js';

/** The smallest snowflake created at `date`. */
const snowflakeAt = (date: Date): string => ((BigInt(date.getTime()) - BigInt(DISCORD_EPOCH_MS)) << 22n).toString();

describe('snowflakes', () => {
  it('turn into their creation time', () => {
    expect(snowflakeToDate('175928847299117063').toISOString()).toBe('2016-04-30T11:18:25.796Z');
    expect(snowflakeToDate(snowflakeAt(new Date('2026-05-01T12:34:56.789Z'))).toISOString()).toBe('2026-05-01T12:34:56.789Z');
  });

  it('refuse text that is not an ID', () => {
    expect(() => snowflakeToDate('12a')).toThrow(RangeError);
    expect(() => snowflakeToDate('')).toThrow(RangeError);
  });

  it('are valid between Discord’s epoch and about now', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    expect(isValidSnowflake('175928847299117063', now)).toBe(true);
    expect(isValidSnowflake(snowflakeAt(new Date('2026-05-01T12:00:00Z')), now)).toBe(true);
    expect(isValidSnowflake(snowflakeAt(new Date('2026-05-03T00:00:00Z')), now)).toBe(false);
    expect(isValidSnowflake('18446744073709551616', now)).toBe(false);
    expect(isValidSnowflake('1234', now)).toBe(false);
  });

  it('tell a recent message (PluralKit keeps trigger IDs for 30 minutes) from an old one', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const thirtyMinutes = 30 * 60_000;
    expect(isRecent(snowflakeAt(new Date('2026-05-01T11:40:00Z')), now, thirtyMinutes)).toBe(true);
    expect(isRecent(snowflakeAt(new Date('2026-05-01T11:30:00Z')), now, thirtyMinutes)).toBe(true);
    expect(isRecent(snowflakeAt(new Date('2026-05-01T11:29:59Z')), now, thirtyMinutes)).toBe(false);
    expect(isRecent('175928847299117063', now, thirtyMinutes)).toBe(false);
    // A little clock skew still counts as recent; an ID from the far future does not.
    expect(isRecent(snowflakeAt(new Date('2026-05-01T12:00:30Z')), now, thirtyMinutes)).toBe(true);
    expect(isRecent(snowflakeAt(new Date('2026-05-01T13:00:00Z')), now, thirtyMinutes)).toBe(false);
  });
});
