import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LATCH_TIMEOUT_SECONDS,
  formatLatchTimeout,
  LATCH_TIMEOUT_FORMS,
  MAX_LATCH_TIMEOUT_SECONDS,
  parseLatchTimeout,
} from '../../src/time/latch-timeout.js';

const seconds = (input: string): number | null => {
  const result = parseLatchTimeout(input);
  if (!result.ok) throw new Error(`${input}: ${result.message}`);
  return result.seconds;
};

const refusal = (input: string): string => {
  const result = parseLatchTimeout(input);
  if (result.ok) throw new Error(`${input} was read as ${result.seconds}`);
  return result.message;
};

describe('parseLatchTimeout', () => {
  it.each([
    ['30m', 1800],
    ['6h', 21_600],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    [' 1H30M ', 5400],
    ['2 hours', 7200],
    ['1 hour and 15 minutes', 4500],
    ['45s', 45],
    ['1d', 86_400],
    ['1.5h', 5400],
    ['90', 5400],
    ['5', 300],
    ['2.5', 150],
  ])('reads %j as %i seconds', (input, expected) => {
    expect(seconds(input)).toBe(expected);
  });

  it.each(['never', 'NEVER', 'off', 'disable', '0', '0m', '0h 0m'])('reads %j as never (0)', (input) => {
    expect(seconds(input)).toBe(0);
  });

  it.each(['default', 'Reset', 'clear'])('reads %j as the default (null)', (input) => {
    expect(seconds(input)).toBeNull();
  });

  it('allows up to 100,000 hours, as PluralKit does, and refuses more instead of turning the timeout off', () => {
    expect(seconds('100000h')).toBe(MAX_LATCH_TIMEOUT_SECONDS);
    expect(refusal('100001h')).toMatch(/longer than PluralKit allows \(100,000 hours\); use `never`/);
    expect(refusal('99999999999')).toMatch(/longer than PluralKit allows/);
  });

  it.each([
    ['-30m', /is negative/],
    ['−5', /is negative/],
    ['soon', /couldn't read `soon`/],
    ['30 parsecs', /couldn't read/],
    ['6h later', /couldn't read/],
    ['0.1s', /less than a second/],
    ['', /Give a latch timeout/],
    ['   ', /Give a latch timeout/],
    ['9'.repeat(61), /too long/],
  ])('refuses %j, listing the forms', (input, why) => {
    const message = refusal(input);
    expect(message).toMatch(why);
    expect(message).toContain(LATCH_TIMEOUT_FORMS);
    for (const form of ['`30m`', '`6h`', '`1h30m`', '`90`', '`never`', '`default`']) expect(message).toContain(form);
  });

  it('quotes the input without letting backticks break out of the code span', () => {
    expect(refusal('`rm`')).toContain("`'rm'`");
  });
});

describe('formatLatchTimeout', () => {
  it.each([
    [null, 'default (6 h)'],
    [0, 'never'],
    [21_600, '6 h'],
    [1800, '30 min'],
    [5400, '1 h 30 min'],
    [45, '45 s'],
    [90_061, '1 d 1 h 1 min 1 s'],
    [MAX_LATCH_TIMEOUT_SECONDS, '4166 d 16 h'],
  ])('%j reads %j', (value, text) => {
    expect(formatLatchTimeout(value)).toBe(text);
  });

  it('reads back every parsed form', () => {
    for (const input of ['30m', '6h', '1h30m', '90', 'never', 'default', '1d 2h 5s']) {
      const parsed = seconds(input);
      expect(parseLatchTimeout(formatLatchTimeout(parsed).replace(/^default \(.*\)$/, 'default'))).toEqual({ ok: true, seconds: parsed });
    }
    expect(DEFAULT_LATCH_TIMEOUT_SECONDS).toBe(21_600);
  });

  it('says so instead of inventing a value for something PluralKit should never send', () => {
    expect(formatLatchTimeout(-5)).toBe('unknown (-5)');
    expect(formatLatchTimeout(Number.NaN)).toBe('unknown (NaN)');
  });
});
