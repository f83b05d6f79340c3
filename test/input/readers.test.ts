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

  // Read as PluralKit's `pk;member proxy` reads them: split at `text`, or at `TEXT` when there is no `text`, exactly once.
  it.each<[string, { prefix: string | null; suffix: string | null } | RegExp | string]>([
    ['[text]', { prefix: '[', suffix: ']' }],
    ['A: text', { prefix: 'A: ', suffix: null }],
    ['  text -a  ', { prefix: null, suffix: ' -a' }],
    ['[TEXT]', { prefix: '[', suffix: ']' }],
    // Only the lower-case word is the placeholder when there is one: the capitalised word is prefix.
    ['Text: text', { prefix: 'Text: ', suffix: null }],
    ['TEXT: text', { prefix: 'TEXT: ', suffix: null }],
    ['text: TEXT', { prefix: null, suffix: ': TEXT' }],
    // `text` inside a word still counts, as PluralKit counts it.
    ['textbook: text', /^!contains `text` 2 times: it must appear once/],
    ['{text}{text}', /^!contains `text` 2 times/],
    ['TEXT|TEXT|TEXT', /^!contains `TEXT` 3 times/],
    ['texttext', /^!contains `text` 2 times/],
    ['textext', { prefix: null, suffix: 'ext' }],
    // Neither all lower case nor all capitals: PluralKit finds no placeholder.
    ['{Text}', /^!must contain the word `text` \(in lower case, or `TEXT` in capitals\) where the message goes/],
    ['tExT:', /^!must contain the word `text` \(in lower case/],
    ['[message]', /^!must contain the word `text` where the message goes, like `\[text\]`/],
    ['text', /^!needs something before or after `text`/],
    ['  TEXT ', /^!needs something before or after `text`/],
    [`${'x'.repeat(96)}text`, { prefix: 'x'.repeat(96), suffix: null }],
    [`${'x'.repeat(97)}text`, '!is too long (101/100 characters including `text`)'],
  ])('proxy template %j', (input, expected) => {
    const read = value(readProxyTemplate(input));
    if (expected instanceof RegExp) expect(read).toMatch(expected);
    else if (typeof expected === 'string') expect(read).toBe(expected);
    else expect(read).toEqual(expected);
  });
});
