import { describe, expect, it } from 'vitest';
import {
  isShortId,
  isSnowflake,
  isUuid,
  normalizeEntityRef,
  normalizeShortId,
  normalizeSwitchRef,
  normalizeSystemRef,
  normalizeUuid,
} from '../../src/pluralkit/refs.js';

describe('short IDs', () => {
  it.each([
    ['abcde', 'abcde'],
    ['abcdef', 'abcdef'],
    ['ABCDEF', 'abcdef'],
    ['abc-def', 'abcdef'],
    ['ABC-DEF', 'abcdef'],
    ['ab-cde', 'abcde'],
    [' Exmpl ', 'exmpl'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeShortId(input)).toBe(expected);
    expect(isShortId(input)).toBe(true);
  });

  it.each(['abcd', 'abcdefg', 'abc-defg', 'abc--def', '-abcde', 'abcde-', 'abc1e', 'a-b-cde', ''])('rejects %j', (input) => {
    expect(normalizeShortId(input)).toBeNull();
    expect(isShortId(input)).toBe(false);
  });
});

describe('UUIDs', () => {
  const canonical = 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6';
  it.each([canonical, canonical.toUpperCase(), canonical.replaceAll('-', ''), `{${canonical}}`])('%s normalises to lowercase hyphenated', (input) => {
    expect(normalizeUuid(input)).toBe(canonical);
    expect(isUuid(input)).toBe(true);
  });

  it.each(['f81d4fae-7dec-11d0-a765-00a0c91e6bf', 'g81d4fae-7dec-11d0-a765-00a0c91e6bf6', 'abcdef'])('rejects %s', (input) => {
    expect(normalizeUuid(input)).toBeNull();
    expect(normalizeSwitchRef(input)).toBeNull();
  });
});

describe('snowflakes and system refs', () => {
  it('accepts 17–19 digit Discord IDs only', () => {
    expect(isSnowflake('12345678901234567')).toBe(true);
    expect(isSnowflake('1234567890123456789')).toBe(true);
    expect(isSnowflake('1234567890123456')).toBe(false);
    expect(isSnowflake('12345678901234567890')).toBe(false);
    expect(isSnowflake('1234567890123456a')).toBe(false);
  });

  it('normalises every kind of system ref and refuses others', () => {
    expect(normalizeSystemRef('EXM-PL')).toBe('exmpl');
    expect(normalizeSystemRef('466378653216014359')).toBe('466378653216014359');
    expect(normalizeSystemRef('F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6')).toBe('f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(normalizeSystemRef('@me')).toBeNull();
    expect(normalizeSystemRef('not a ref')).toBeNull();
  });

  it('member/group refs are short IDs or UUIDs, never Discord IDs', () => {
    expect(normalizeEntityRef('Abc-Def')).toBe('abcdef');
    expect(normalizeEntityRef('466378653216014359')).toBeNull();
  });
});
