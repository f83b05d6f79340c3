import { describe, expect, it } from 'vitest';
import { readBirthday } from '../../src/input/birthday.js';
import { readColor } from '../../src/input/color.js';
import { readHttpsUrl } from '../../src/input/https-url.js';
import { readProxyTemplate } from '../../src/input/proxy-template.js';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T | string => (result.ok ? result.value : `!${result.message}`);

describe('input readers', () => {
  it.each([
    ['ff7000', 'ff7000'],
    ['#FF7000', 'ff7000'],
    ['  #f70 ', 'ff7700'],
    ['blue', '!must be a hex colour like `ff7000` or `#ff7000`'],
    ['#ff70001', '!must be a hex colour like `ff7000` or `#ff7000`'],
  ])('colour %j → %j', (input, expected) => expect(value(readColor(input))).toBe(expected));

  it.each([
    ['2000-05-01', '2000-05-01'],
    ['05-01', '0004-05-01'],
    ['May 1', '0004-05-01'],
    ['1 May 2000', '2000-05-01'],
    ['May 1st, 2000', '2000-05-01'],
    ['feb 29', '0004-02-29'],
    ['2001-02-29', '!is not a real date (`YYYY-MM-DD`, `MM-DD` or `May 1` (year hidden), or `May 1 2000`)'],
    ['13-01', '!is not a real date (`YYYY-MM-DD`, `MM-DD` or `May 1` (year hidden), or `May 1 2000`)'],
    ['someday', '!is not a date I can read (use `YYYY-MM-DD`, `MM-DD` or `May 1` (year hidden), or `May 1 2000`)'],
  ])('birthday %j → %j', (input, expected) => expect(value(readBirthday(input))).toBe(expected));

  it('images must be https links of at most 256 characters', () => {
    expect(value(readHttpsUrl('<https://cdn.test/a.png>'))).toBe('https://cdn.test/a.png');
    expect(value(readHttpsUrl('http://cdn.test/a.png'))).toMatch(/^!must be an `https:\/\/` link \(PluralKit does not accept http links\)/);
    expect(value(readHttpsUrl('not a link'))).toMatch(/^!must be a link/);
    expect(value(readHttpsUrl(`https://cdn.test/${'a'.repeat(250)}`))).toBe('!is too long (267/256 characters)');
  });

  it('proxy templates need `text` and fit PluralKit’s 100 characters', () => {
    expect(value(readProxyTemplate('[text]'))).toEqual({ prefix: '[', suffix: ']' });
    expect(value(readProxyTemplate('A: text'))).toEqual({ prefix: 'A: ', suffix: null });
    expect(value(readProxyTemplate('{Text}'))).toEqual({ prefix: '{', suffix: '}' });
    expect(value(readProxyTemplate('[message]'))).toMatch(/^!must contain the word `text`/);
    expect(value(readProxyTemplate('text'))).toMatch(/^!needs something before or after/);
    expect(value(readProxyTemplate(`${'x'.repeat(97)}text`))).toBe('!is too long (101/100 characters including `text`)');
  });
});
