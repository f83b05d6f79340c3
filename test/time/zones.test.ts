import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { canonicalZone, isKnownZone, zoneChoices, zoneDisplayName } from '../../src/time/zones.js';

const WINTER = new Date('2026-01-15T13:05:00Z');
const SUMMER = new Date('2026-07-15T13:05:00Z');

const values = (query: string, now = WINTER) => zoneChoices(query, now).map((choice) => choice.value);
const first = (query: string, now = WINTER) => zoneChoices(query, now)[0];

describe('zoneChoices', () => {
  it('finds a city by name, showing its local time, abbreviation and offset now', () => {
    expect(first('new york')).toEqual({ name: 'America/New_York — 08:05 (EST, UTC-5)', value: 'America/New_York' });
    expect(first('new york', SUMMER)).toEqual({ name: 'America/New_York — 09:05 (EDT, UTC-4)', value: 'America/New_York' });
    expect(first('berlin')).toEqual({ name: 'Europe/Berlin — 14:05 (CET, UTC+1)', value: 'Europe/Berlin' });
    expect(first('berlin', SUMMER)?.name).toBe('Europe/Berlin — 15:05 (CEST, UTC+2)');
    expect(first('kathmandu')?.name).toBe('Asia/Kathmandu — 18:50 (UTC+5:45)');
  });

  it.each(['sao paulo', 'São Paulo', 'SAO_PAULO', 'america/sao_paulo', 'paulo'])('finds São Paulo from %j', (query) => {
    expect(values(query)[0]).toBe('America/Sao_Paulo');
  });

  it('lists a region from its prefix', () => {
    const europe = values('europe/');
    expect(europe).toHaveLength(25);
    expect(europe.every((value) => value.startsWith('Europe/'))).toBe(true);
    const be = zoneChoices('europe/be', WINTER);
    expect(be.map((c) => c.value)).toContain('Europe/Berlin');
    expect(be.every((c) => c.name.startsWith('Europe/Be'))).toBe(true);
  });

  it.each([
    ['CET', WINTER, 'Europe/Berlin'],
    ['cest', SUMMER, 'Europe/Paris'],
    ['PST', WINTER, 'America/Los_Angeles'],
    ['pdt', WINTER, 'America/Los_Angeles'],
    ['EST', WINTER, 'America/New_York'],
    ['JST', WINTER, 'Asia/Tokyo'],
    ['AEST', WINTER, 'Australia/Sydney'],
    ['AEST', SUMMER, 'Australia/Brisbane'],
    ['BST', SUMMER, 'Europe/London'],
    ['BST', WINTER, 'Europe/London'],
    ['IST', WINTER, 'Asia/Calcutta'],
    ['KST', WINTER, 'Asia/Seoul'],
    ['MSK', WINTER, 'Europe/Moscow'],
  ])('finds zones by abbreviation: %s (at %s) includes %s', (query, now, zone) => {
    expect(values(query, now)).toContain(zone);
  });

  it('ranks zones using an abbreviation now above those that use it in the other season', () => {
    const winter = zoneChoices('AEST', WINTER);
    // Brisbane keeps AEST all year; Sydney is on AEDT in January.
    expect(winter.findIndex((c) => c.value === 'Australia/Brisbane')).toBeLessThan(winter.findIndex((c) => c.value === 'Australia/Sydney'));
    expect(winter.find((c) => c.value === 'Australia/Sydney')?.name).toMatch(/\(AEDT, UTC\+11\)$/);
    expect(first('bst', SUMMER)?.name).toBe('Europe/London — 14:05 (BST, UTC+1)');
    expect(first('bst', WINTER)?.name).toBe('Europe/London — 13:05 (GMT, UTC+0)');
  });

  it('reads UTC offsets: the fixed zone first, then the zones at that offset now', () => {
    const plusFive = zoneChoices('UTC+5', WINTER);
    expect(plusFive[0]).toEqual({ name: 'Etc/GMT-5 — 18:05 (UTC+5, no daylight saving)', value: 'Etc/GMT-5' });
    expect(plusFive.map((c) => c.value)).toContain('Asia/Karachi');
    expect(values('+5:30')).toEqual(expect.arrayContaining(['Asia/Calcutta', 'Asia/Colombo']));
    expect(values('gmt-3')[0]).toBe('Etc/GMT+3');
    expect(values('utc')[0]).toBe('UTC');
    expect(first('utc')?.name).toBe('UTC — 13:05 (UTC+0)');
  });

  it('shows renamed zones by their current name but sends the spelling every tzdb knows', () => {
    expect(first('kyiv')).toEqual({ name: 'Europe/Kyiv — 15:05 (EET, UTC+2)', value: 'Europe/Kiev' });
    expect(first('kiev')?.value).toBe('Europe/Kiev');
    expect(first('kolkata')).toEqual({ name: 'Asia/Kolkata — 18:35 (IST, UTC+5:30)', value: 'Asia/Calcutta' });
    expect(first('buenos aires')?.name).toMatch(/^America\/Argentina\/Buenos_Aires — /);
    expect(zoneDisplayName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(zoneDisplayName('Europe/Berlin')).toBe('Europe/Berlin');
    expect(zoneDisplayName('Not/AZone')).toBe('Not/AZone');
  });

  it('offers widely used zones west to east before anything is typed', () => {
    const starters = zoneChoices('', WINTER);
    expect(starters.length).toBeGreaterThanOrEqual(15);
    const offsets = starters.map((c) => DateTime.fromJSDate(WINTER, { zone: c.value }).offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(starters.map((c) => c.value)).toEqual(expect.arrayContaining(['UTC', 'America/New_York', 'Europe/London', 'Asia/Tokyo']));
  });

  it('shows the same local time and offset as luxon for every zone it offers', () => {
    for (const query of ['a', 'america/', 'australia', 'pacific/', 'asia/k', '-9:30', '+13', 'EET']) {
      for (const now of [WINTER, SUMMER]) {
        for (const choice of zoneChoices(query, now)) {
          const local = DateTime.fromJSDate(now, { zone: choice.value });
          expect(choice.name, `${query}: ${choice.value}`).toContain(` — ${local.toFormat('HH:mm')} (`);
          const hours = Math.trunc(local.offset / 60);
          const minutes = Math.abs(local.offset % 60);
          const offset = `UTC${local.offset < 0 ? '-' : '+'}${Math.abs(hours)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
          expect(choice.name, `${query}: ${choice.value}`).toMatch(new RegExp(`${offset.replace('+', '\\+')}(, no daylight saving)?\\)$`));
        }
      }
    }
  });

  it('keeps within Discord limits and only offers zones PluralKit accepts', () => {
    for (const query of ['', 'a', 'e', 'america/', 'utc+1', '-3', 'CET', 'st', 'x'.repeat(500), '🌙', ' / ']) {
      const choices = zoneChoices(query, WINTER);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
        expect(canonicalZone(choice.value)).toBe(choice.value);
      }
    }
  });

  it('offers nothing for text that names no zone', () => {
    expect(zoneChoices('qqqq', WINTER)).toEqual([]);
    expect(zoneChoices('utc+15', WINTER)).toEqual([]);
  });
});

describe('isKnownZone and canonicalZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    [' EUROPE/BERLIN ', 'Europe/Berlin'],
    ['America/Sao Paulo', 'America/Sao_Paulo'],
    ['Asia/Kolkata', 'Asia/Calcutta'],
    ['asia/calcutta', 'Asia/Calcutta'],
    ['Europe/Kyiv', 'Europe/Kiev'],
    ['US/Eastern', 'America/New_York'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['etc/gmt-5', 'Etc/GMT-5'],
  ])('%j is known, sent as %j', (input, canonical) => {
    expect(isKnownZone(input)).toBe(true);
    expect(canonicalZone(input)).toBe(canonical);
  });

  it.each(['', '   ', 'Mars/Olympus', 'Berlin', '+05:00', 'UTC+5', '../etc/passwd', 'x'.repeat(65)])('%j is not a zone', (input) => {
    expect(isKnownZone(input)).toBe(false);
    expect(canonicalZone(input)).toBeNull();
  });
});
