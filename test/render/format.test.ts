import { describe, expect, it } from 'vitest';
import { embedColor, tidyDescription } from '../../src/render/format.js';
import { formatBirthday, parseTime } from '../../src/time/format.js';
import { inlineCode, safeName } from '../../src/text/markdown.js';
import { placeHeading } from '../../src/render/heading.js';
import { joinWithin } from '../../src/text/list-fit.js';

describe('safeName', () => {
  it('escapes every markdown character, even in runs', () => {
    expect(safeName('******')).toBe('\\*'.repeat(6));
    expect(safeName('a_b ~~c~~ ||d|| `e` # g - h [i](j)')).toBe('a\\_b \\~\\~c\\~\\~ \\|\\|d\\|\\| \\`e\\` \\# g \\- h \\[i\\](j)');
    expect(safeName('> quote\n> again, a > b')).toBe('\\> quote\n\\> again, a > b');
    expect(safeName('back\\slash')).toBe('back\\\\slash');
  });

  it('never lets a name become a mention, but keeps custom emoji', () => {
    expect(safeName('<@123456789012345678> <#1> <t:1:R>')).toBe('\\<@123456789012345678> \\<\\#1> \\<t:1:R>');
    expect(safeName('<:my_heart:123> *<a:spin:456>*')).toBe('<:my_heart:123> \\*<a:spin:456>\\*');
    expect(safeName('<:x:1')).toBe('\\<:x:1');
  });

  it('leaves ordinary names alone', () => {
    expect(safeName('Alice / she/her, 20s!')).toBe('Alice / she/her, 20s!');
  });
});

describe('formatBirthday', () => {
  it('writes MMM dd, yyyy, or MMM dd for the hidden years 0004 and 0001', () => {
    expect(formatBirthday('1990-07-04')).toBe('Jul 04, 1990');
    expect(formatBirthday('0004-02-29')).toBe('Feb 29');
    expect(formatBirthday('0001-12-25')).toBe('Dec 25');
  });

  it('shows anything unexpected as it came', () => {
    expect(formatBirthday('1990-13-01')).toBe('1990-13-01');
    expect(formatBirthday('soon')).toBe('soon');
  });
});

describe('embedColor', () => {
  it('reads 6 hex digits in any case, and nothing else', () => {
    expect(embedColor('FF7000')).toBe(0xff7000);
    expect(embedColor('000000')).toBe(0);
    expect(embedColor('#ff7000')).toBeUndefined();
    expect(embedColor('fff')).toBeUndefined();
    expect(embedColor(null)).toBeUndefined();
  });
});

describe('inlineCode', () => {
  it('fences text longer than any backtick run inside it', () => {
    expect(inlineCode('a:text')).toBe('`a:text`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
  });
});

describe('tidyDescription and parseTime', () => {
  it('drops spaces before line breaks', () => {
    expect(tidyDescription('a  \nb\t\nc ')).toBe('a\nb\nc');
  });

  it('parses API times and refuses garbage', () => {
    expect(parseTime('2021-11-07T05:29:06.593446Z')?.toISOString()).toBe('2021-11-07T05:29:06.593Z');
    expect(parseTime('not a time')).toBeNull();
    expect(parseTime(null)).toBeNull();
  });
});

describe('joinWithin', () => {
  const more = (hidden: number) => `(${hidden} more)`;

  it('keeps a list that fits whole', () => {
    expect(joinWithin(['a', 'b', 'c'], ', ', 7, more)).toBe('a, b, c');
  });

  it('stops at whole items and counts the rest, within the limit', () => {
    const items = ['aaaa', 'bbbb', 'cccc', 'dddd'];
    expect(joinWithin(items, ', ', 20, more)).toBe('aaaa, bbbb, (2 more)');
    expect(joinWithin(items, ', ', 19, more)).toBe('aaaa, (3 more)');
    expect(joinWithin(items, ', ', 22, more)).toBe('aaaa, bbbb, cccc, dddd');
  });

  it('cuts a single item that alone is too long', () => {
    expect(joinWithin(['x'.repeat(50), 'y'], ', ', 20, more)).toBe(`${'x'.repeat(9)}…, (1 more)`);
    expect(joinWithin(['x'.repeat(50), 'y'], ', ', 5, more)).toBe('(2 m…');
  });
});

describe('placeHeading', () => {
  it('titles plain headings and moves mentions into the description', () => {
    expect(placeHeading('Front history of system `abcde`', 'body')).toEqual({ title: 'Front history of system `abcde`', description: 'body' });
    expect(placeHeading("Front history of <@1>'s system", 'body')).toEqual({ description: "**Front history of <@1>'s system**\n\nbody" });
  });
});
