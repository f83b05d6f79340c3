import { describe, expect, it } from 'vitest';
import { formatDuration, discordTimestamp } from '../../src/time/format.js';
import { parseAt } from '../../src/time/parse-at.js';

const at = (input: string, now: string, timeZone: string): string => {
  const result = parseAt(input, { now: new Date(now), timeZone });
  if (!result.ok) throw new Error(result.message);
  return result.date.toISOString();
};

describe('parseAt', () => {
  const NOW = '2026-05-10T12:00:00.000Z'; // 14:00 in Berlin (CEST)

  it.each([
    ['30m', '2026-05-10T11:30:00.000Z'],
    ['2h', '2026-05-10T10:00:00.000Z'],
    ['1d12h', '2026-05-09T00:00:00.000Z'],
    ['1h 30m ago', '2026-05-10T10:30:00.000Z'],
    ['2 hours', '2026-05-10T10:00:00.000Z'],
    ['1w', '2026-05-03T12:00:00.000Z'],
    ['now', NOW],
  ])('reads the relative time %s', (input, expected) => {
    expect(at(input, NOW, 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['13:30', '2026-05-10T11:30:00.000Z'],
    ['2pm', '2026-05-10T12:00:00.000Z'],
    ['14:30', '2026-05-09T12:30:00.000Z'],
    ['11pm', '2026-05-09T21:00:00.000Z'],
    ['2:15 pm', '2026-05-09T12:15:00.000Z'],
  ])('reads the clock time %s in the system zone, yesterday when still to come', (input, expected) => {
    expect(at(input, NOW, 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['2026-05-01 14:30', '2026-05-01T12:30:00.000Z'],
    ['May 1 2pm', '2026-05-01T12:00:00.000Z'],
    ['1 May 14:30', '2026-05-01T12:30:00.000Z'],
    ['May 1, 2026 2:30pm', '2026-05-01T12:30:00.000Z'],
    ['2026-05-01', '2026-04-30T22:00:00.000Z'],
    ['Dec 24 18:00', '2025-12-24T17:00:00.000Z'],
    ['2026-05-01T14:30:00Z', '2026-05-01T14:30:00.000Z'],
  ])('reads the date %s', (input, expected) => {
    expect(at(input, NOW, 'Europe/Berlin')).toBe(expected);
  });

  it('moves a time in the spring-forward gap forward, and takes the earlier instant of a fall-back hour', () => {
    expect(at('2026-03-08 02:30', NOW, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(at('2026-11-01 01:30', '2026-12-01T00:00:00Z', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-03-29 01:30', NOW, 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('handles half-hour DST and zones far from UTC', () => {
    // Lord Howe is UTC+11 in summer and UTC+10:30 in winter.
    expect(at('2026-01-15 12:00', NOW, 'Australia/Lord_Howe')).toBe('2026-01-15T01:00:00.000Z');
    expect(at('2026-07-15 12:00', NOW, 'Australia/Lord_Howe')).toBe('2026-07-15T01:30:00.000Z');
    expect(at('2026-05-01 00:30', NOW, 'Pacific/Kiritimati')).toBe('2026-04-30T10:30:00.000Z');
  });

  it('clock times near midnight follow the system zone, not UTC', () => {
    // 00:30 UTC is 14:30 the previous day in Honolulu.
    expect(at('14:00', '2026-05-10T00:30:00Z', 'Pacific/Honolulu')).toBe('2026-05-10T00:00:00.000Z');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(at('2026-05-01 14:30', NOW, 'Not/AZone')).toBe('2026-05-01T14:30:00.000Z');
  });

  it.each(['blorp', '', '13', '25:00', '2026-13-40 10:00', '5 parsecs'])('lists the accepted forms for the unreadable value %j', (input) => {
    const result = parseAt(input, { now: new Date(NOW), timeZone: 'UTC' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/30m/);
      expect(result.message).toMatch(/14:30/);
      expect(result.message).toMatch(/2026-05-01 14:30/);
    }
  });
});

describe('time formatting', () => {
  it('shows durations with the two largest units, like PluralKit', () => {
    expect(formatDuration(9_000)).toBe('9s');
    expect(formatDuration(250_000)).toBe('4m 10s');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000 + 7_000)).toBe('3h 5m');
    expect(formatDuration(26 * 3600_000)).toBe('1d 2h');
    expect(formatDuration(0)).toBe('0s');
  });

  it('makes Discord timestamps', () => {
    expect(discordTimestamp(new Date('2026-05-01T00:00:00Z'), 'R')).toBe('<t:1777593600:R>');
  });
});
