import { Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPTED_TIME_FORMS, renderUnreadableAt } from '../../src/render/at-time.js';
import { parseAt } from '../../src/time/parse-at.js';

const at = (input: string, now: string, timeZone: string): string => {
  const result = parseAt(input, { now: new Date(now), timeZone });
  if (!result.ok) throw new Error(renderUnreadableAt({ input, ...result }));
  return result.date.toISOString();
};

const failure = (input: string, timeZone = 'UTC', now = '2026-05-10T12:00:00Z'): string => {
  const result = parseAt(input, { now: new Date(now), timeZone });
  if (result.ok) throw new Error(`${input} was read as ${result.date.toISOString()}`);
  // What the user reads: the refusal's wording.
  return renderUnreadableAt({ input, ...result });
};

const NOW = '2026-05-10T12:00:00.000Z'; // 14:00 in Berlin (CEST, UTC+2)

describe('parseAt: relative times mean "ago"', () => {
  it.each([
    ['30m', '2026-05-10T11:30:00.000Z'],
    ['2h', '2026-05-10T10:00:00.000Z'],
    ['1d12h', '2026-05-09T00:00:00.000Z'],
    ['1d 12h', '2026-05-09T00:00:00.000Z'],
    ['1h30m', '2026-05-10T10:30:00.000Z'],
    ['1h 30m ago', '2026-05-10T10:30:00.000Z'],
    ['90s', '2026-05-10T11:58:30.000Z'],
    ['2 hours', '2026-05-10T10:00:00.000Z'],
    ['2 hours ago', '2026-05-10T10:00:00.000Z'],
    ['an hour ago', '2026-05-10T11:00:00.000Z'],
    ['1 day, 2 hours and 3 minutes', '2026-05-09T09:57:00.000Z'],
    ['1.5h', '2026-05-10T10:30:00.000Z'],
    ['1w', '2026-05-03T12:00:00.000Z'],
    ['  2H  ', '2026-05-10T10:00:00.000Z'],
    ['now', NOW],
    ['Now', NOW],
  ])('%j', (input, expected) => {
    expect(at(input, NOW, 'Europe/Berlin')).toBe(expected);
  });

  it('counts back in real time, not wall-clock time, across a DST change', () => {
    // 2026-03-08 03:30 EDT is two real hours after 00:30 EST (the 02:00–03:00 hour never happened).
    expect(at('2h', '2026-03-08T07:30:00Z', 'America/New_York')).toBe('2026-03-08T05:30:00.000Z');
  });

  it('refuses periods too far back to be a time', () => {
    expect(failure('99999999999d')).toMatch(/more than 100 years ago/);
  });
});

describe('parseAt: clock times are today, or yesterday when still to come', () => {
  it.each([
    ['13:30', '2026-05-10T11:30:00.000Z'],
    ['14:00', '2026-05-10T12:00:00.000Z'],
    ['2pm', '2026-05-10T12:00:00.000Z'],
    ['2 PM', '2026-05-10T12:00:00.000Z'],
    ['2 p.m.', '2026-05-10T12:00:00.000Z'],
    ['9am', '2026-05-10T07:00:00.000Z'],
    ['12am', '2026-05-09T22:00:00.000Z'],
    ['12pm', '2026-05-10T10:00:00.000Z'],
    ['noon', '2026-05-10T10:00:00.000Z'],
    ['midnight', '2026-05-09T22:00:00.000Z'],
    ['14:30', '2026-05-09T12:30:00.000Z'],
    ['14:00:01', '2026-05-09T12:00:01.000Z'],
    ['11pm', '2026-05-09T21:00:00.000Z'],
    ['2:15 pm', '2026-05-09T12:15:00.000Z'],
    ['14h30', '2026-05-09T12:30:00.000Z'],
    ['13.45', '2026-05-10T11:45:00.000Z'],
  ])('%j', (input, expected) => {
    expect(at(input, NOW, 'Europe/Berlin')).toBe(expected);
  });

  it('uses the system zone for "today", not UTC', () => {
    // 00:30 UTC on the 10th is 14:30 on the 9th in Honolulu.
    expect(at('14:00', '2026-05-10T00:30:00Z', 'Pacific/Honolulu')).toBe('2026-05-10T00:00:00.000Z');
    expect(at('15:00', '2026-05-10T00:30:00Z', 'Pacific/Honolulu')).toBe('2026-05-09T01:00:00.000Z');
    // 09:00 UTC on the 10th is 23:00 on the 10th at UTC+14.
    expect(at('22:00', '2026-05-10T09:00:00Z', 'Pacific/Kiritimati')).toBe('2026-05-10T08:00:00.000Z');
    expect(at('23:30', '2026-05-10T09:00:00Z', 'Pacific/Kiritimati')).toBe('2026-05-09T09:30:00.000Z');
  });

  it('puts yesterday on the right calendar day when a DST change lies in between', () => {
    // 2026-03-09 01:00 EDT; 02:00 yesterday was 2026-03-08 02:00, inside the gap → 03:00 EDT.
    expect(at('2:00', '2026-03-09T05:00:00Z', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    // 2026-11-02 00:30 EST; 23:00 yesterday is 2026-11-01 23:00 EST.
    expect(at('23:00', '2026-11-02T05:30:00Z', 'America/New_York')).toBe('2026-11-02T04:00:00.000Z');
  });
});

describe('parseAt: dates', () => {
  it.each([
    ['2026-05-01 14:30', '2026-05-01T12:30:00.000Z'],
    ['2026-05-01T14:30', '2026-05-01T12:30:00.000Z'],
    ['2026-05-01T14:30:15', '2026-05-01T12:30:15.000Z'],
    ['2026/05/01 14:30', '2026-05-01T12:30:00.000Z'],
    ['May 1 2pm', '2026-05-01T12:00:00.000Z'],
    ['may 1st at 2pm', '2026-05-01T12:00:00.000Z'],
    ['2pm May 1', '2026-05-01T12:00:00.000Z'],
    ['1 May 14:30', '2026-05-01T12:30:00.000Z'],
    ['the 1st of May, 14:30', '2026-05-01T12:30:00.000Z'],
    ['May 1, 2026 2:30pm', '2026-05-01T12:30:00.000Z'],
    ['1 September 2025 08:00', '2025-09-01T06:00:00.000Z'],
    ['Sept 1 2025', '2025-08-31T22:00:00.000Z'],
    ['2026-05-01', '2026-04-30T22:00:00.000Z'],
    ['May 1', '2026-04-30T22:00:00.000Z'],
    ['yesterday', '2026-05-08T22:00:00.000Z'],
    ['yesterday 23:00', '2026-05-09T21:00:00.000Z'],
    ['yesterday at 2pm', '2026-05-09T12:00:00.000Z'],
    ['today 9am', '2026-05-10T07:00:00.000Z'],
  ])('%j', (input, expected) => {
    expect(at(input, NOW, 'Europe/Berlin')).toBe(expected);
  });

  it('takes the most recent past occurrence of a date without a year, time included', () => {
    expect(at('Dec 24 18:00', NOW, 'Europe/Berlin')).toBe('2025-12-24T17:00:00.000Z');
    expect(at('May 10 13:00', NOW, 'Europe/Berlin')).toBe('2026-05-10T11:00:00.000Z');
    // Today's date, but the time is still to come: last year's.
    expect(at('May 10 15:00', NOW, 'Europe/Berlin')).toBe('2025-05-10T13:00:00.000Z');
    expect(at('Dec 24', '2026-01-05T00:00:00Z', 'UTC')).toBe('2025-12-24T00:00:00.000Z');
    // 29 February: the last leap year.
    expect(at('Feb 29', NOW, 'UTC')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('keeps an explicit future year (callers refuse the future themselves)', () => {
    expect(at('2027-01-01 10:00', NOW, 'UTC')).toBe('2027-01-01T10:00:00.000Z');
  });

  it('respects an offset or Z given with a full timestamp, whatever the system zone', () => {
    expect(at('2026-05-01T14:30:00Z', NOW, 'Europe/Berlin')).toBe('2026-05-01T14:30:00.000Z');
    expect(at('2026-05-01T14:30:00.250Z', NOW, 'Europe/Berlin')).toBe('2026-05-01T14:30:00.250Z');
    expect(at('2026-05-01T14:30+02:00', NOW, 'America/New_York')).toBe('2026-05-01T12:30:00.000Z');
    expect(at('2026-05-01 14:30 -0500', NOW, 'Asia/Tokyo')).toBe('2026-05-01T19:30:00.000Z');
  });

  it.each([
    ['Feb 30', /`Feb 30` is not a real date/],
    ['2026-02-30', /not a real date/],
    ['2026-13-40 10:00', /not a real date/],
    ['2026-05-01T25:00', /not a real date and time/],
  ])('says %j is not a real date', (input, message) => {
    expect(failure(input)).toMatch(message);
  });
});

describe('parseAt: DST edges resolve deterministically', () => {
  it('moves a time in a spring-forward gap forward by the gap', () => {
    // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 becomes 03:30 EDT.
    expect(at('2026-03-08 02:30', NOW, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // London 2026-03-29: 01:00 GMT jumps to 02:00 BST; 01:30 becomes 02:30 BST.
    expect(at('2026-03-29 01:30', NOW, 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
    // Lord Howe 2026-10-04: 02:00 (+10:30) jumps by half an hour to 02:30 (+11); 02:15 becomes 02:45.
    expect(at('2026-10-04 02:15', '2026-12-01T00:00:00Z', 'Australia/Lord_Howe')).toBe('2026-10-03T15:45:00.000Z');
  });

  it('takes the earlier instant of a time that happens twice', () => {
    // New York 2026-11-01: 01:30 EDT (05:30Z), not 01:30 EST (06:30Z).
    expect(at('2026-11-01 01:30', '2026-12-01T00:00:00Z', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    // London 2026-10-25: 01:30 BST (00:30Z), not 01:30 GMT.
    expect(at('2026-10-25 01:30', '2026-12-01T00:00:00Z', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
    // Lord Howe 2026-04-05: 01:45 at +11 (14:45Z the day before), not at +10:30.
    expect(at('2026-04-05 01:45', NOW, 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
  });

  it('takes the earlier instant for a clock time on a fall-back day too', () => {
    // 07:00 EST on 2026-11-01; 01:30 happened twice that night.
    expect(at('1:30', '2026-11-01T12:00:00Z', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  describe('whatever the real clock says', () => {
    afterEach(() => {
      Settings.now = () => Date.now();
    });

    // luxon seeds its offset guess from the real current time; the result must not depend on it.
    it.each(['2026-07-01T12:00:00Z', '2026-12-01T12:00:00Z'])('with the machine clock at %s', (machineNow) => {
      Settings.now = () => Date.parse(machineNow);
      expect(at('2026-11-01 01:30', '2026-12-01T00:00:00Z', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
      expect(at('Nov 1 1:30am', '2026-12-01T00:00:00Z', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
      expect(at('2026-03-08 02:30', NOW, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
      expect(at('2026-04-05 01:45', NOW, 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
    });
  });

  it('follows half-hour DST and zones far from UTC', () => {
    // Lord Howe is UTC+11 in summer and UTC+10:30 in winter.
    expect(at('2026-01-15 12:00', NOW, 'Australia/Lord_Howe')).toBe('2026-01-15T01:00:00.000Z');
    expect(at('2026-07-15 12:00', NOW, 'Australia/Lord_Howe')).toBe('2026-07-15T01:30:00.000Z');
    expect(at('2026-05-01 00:30', NOW, 'Pacific/Kiritimati')).toBe('2026-04-30T10:30:00.000Z');
  });
});

describe('parseAt: time zones', () => {
  it('falls back to UTC for an unknown zone, and says so', () => {
    const result = parseAt('2026-05-01 14:30', { now: new Date(NOW), timeZone: 'Not/AZone' });
    expect(result).toEqual({ ok: true, date: new Date('2026-05-01T14:30:00Z'), timeZone: 'UTC', zoneFellBack: true });
  });

  it('reads a missing zone as UTC, PluralKit’s default, without calling it a fallback', () => {
    for (const timeZone of [null, undefined, '']) {
      const result = parseAt('14:30', { now: new Date(NOW), timeZone });
      expect(result).toMatchObject({ ok: true, timeZone: 'UTC', zoneFellBack: false });
    }
  });

  it('says so in an error when it had to fall back', () => {
    expect(failure('blorp', 'Not/AZone')).toMatch(/read in UTC, because your PluralKit time zone setting is not one I know/);
  });

  it('reports the zone it used', () => {
    expect(parseAt('2pm', { now: new Date(NOW), timeZone: 'Asia/Kolkata' })).toMatchObject({ ok: true, timeZone: 'Asia/Kolkata', zoneFellBack: false });
  });
});

describe('parseAt: unreadable values', () => {
  it.each(['blorp', '', '   ', '13', '25:00', '13pm', '0am', '14:60', '5 parsecs', 'in 2 hours', 'tomorrow', '01/05', 'May 32'])(
    'lists the accepted forms with examples for %j',
    (input) => {
      const message = failure(input, 'Europe/Berlin');
      expect(message).toContain(ACCEPTED_TIME_FORMS);
      for (const example of ['`30m`', '`1d12h`', '`14:30`', '`2pm`', '`2026-05-01 14:30`', '`May 1 2pm`', '`now`']) expect(message).toContain(example);
      expect(message).toContain('`Europe/Berlin`');
    },
  );

  it('quotes the value without letting backticks break the message', () => {
    expect(failure('`rm` stuff')).toContain("`'rm' stuff`");
  });

  it('refuses very long input without trying to read it', () => {
    expect(failure('1h '.repeat(50))).toMatch(/too long/);
  });
});
