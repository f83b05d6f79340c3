import { describe, expect, it } from 'vitest';
import { statsRangeChoices } from '../../src/render/stats-range.js';
import { parseStatsRange } from '../../src/stats/range.js';

const NOW = new Date('2026-05-31T12:00:00Z');

describe('statsRangeChoices (the range picker)', () => {
  it('offers the presets, this and last month and a year of months by name, each saying what it covers', () => {
    const choices = statsRangeChoices('', NOW, 'Europe/Berlin');
    expect(choices.map((choice) => choice.value)).toEqual([
      '24h', '7d', '30d', '90d', '1y', 'all', 'this month', 'last month',
      'March 2026', 'February 2026', 'January 2026', 'December 2025', 'November 2025', 'October 2025',
      'September 2025', 'August 2025', 'July 2025', 'June 2025', 'May 2025', 'April 2025',
    ]);
    const named = Object.fromEntries(choices.map((choice) => [choice.value, choice.name]));
    expect(named['30d']).toBe('30d (default) · since 1 May 2026, 14:00');
    expect(named['all']).toBe('all · the whole history');
    expect(named['this month']).toBe('this month · since 1 May 2026');
    expect(named['last month']).toBe('last month · 1 Apr 2026 – 1 May 2026');
    expect(named['November 2025']).toBe('November 2025');
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('filters by what is typed, months by any word', () => {
    expect(statsRangeChoices('nov', NOW, 'UTC').map((choice) => choice.value)).toEqual(['November 2025']);
    expect(statsRangeChoices('last', NOW, 'UTC').map((choice) => choice.value)).toEqual(['last month']);
    expect(statsRangeChoices('7', NOW, 'UTC').map((choice) => choice.value)).toEqual(['7d']);
  });

  it('puts typed text that reads as a range first, with its dates, and every value reads as a range', () => {
    const [first] = statsRangeChoices('100d12h', NOW, 'UTC');
    expect(statsRangeChoices('30h', NOW, 'UTC')[0]).toEqual({ value: '30h', name: '30h · since 30 May 2026, 06:00' });
    expect(first).toEqual({ value: '100d12h', name: '100d12h · since 20 Feb 2026' });
    expect(statsRangeChoices('gibberish', NOW, 'UTC')).toEqual([]);
    for (const choice of statsRangeChoices('', NOW, 'Asia/Tokyo')) {
      expect(() => parseStatsRange({ range: choice.value }, { now: NOW, timeZone: 'Asia/Tokyo' })).not.toThrow();
    }
  });
});
