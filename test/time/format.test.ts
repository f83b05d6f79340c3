import { describe, expect, it } from 'vitest';
import { discordTimestamp, formatDuration } from '../../src/time/format.js';

describe('formatDuration: the two largest units, like PluralKit', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [9_000, '9s'],
    [60_000, '1m 0s'],
    [250_000, '4m 10s'],
    [3 * 3600_000 + 5 * 60_000 + 7_000, '3h 5m'],
    [3600_000, '1h 0m'],
    [26 * 3600_000, '1d 2h'],
    [86_400_000 + 59 * 60_000, '1d 0h'],
    [400 * 86_400_000 + 5 * 3600_000, '400d 5h'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('shows a negative or unreadable span as 0s rather than nonsense', () => {
    expect(formatDuration(-5_000)).toBe('0s');
    expect(formatDuration(Number.NaN)).toBe('0s');
  });
});

describe('discordTimestamp', () => {
  it.each(['f', 'F', 'R', 't', 'T', 'd', 'D'] as const)('style %s', (style) => {
    expect(discordTimestamp(new Date('2026-05-01T00:00:00Z'), style)).toBe(`<t:1777593600:${style}>`);
  });

  it('rounds down to the second, also before 1970', () => {
    expect(discordTimestamp(new Date('2026-05-01T00:00:00.999Z'), 'f')).toBe('<t:1777593600:f>');
    expect(discordTimestamp(new Date(-1500), 'f')).toBe('<t:-2:f>');
  });
});
