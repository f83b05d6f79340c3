import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import { computeFrontStats, unionOfIntervals } from '../../src/stats/engine.js';
import type { FrontStats, FrontStatsOptions } from '../../src/stats/types.js';
import { randomHistory, seededRandom } from './generate.js';

const H = 3_600_000;
const D = 24 * H;
const END = Date.parse('2026-11-01T12:00:00Z');
const RUNS = 200;

interface Case {
  seed: number;
  switches: SwitchSummary[];
  options: FrontStatsOptions;
}

function cases(): Case[] {
  return Array.from({ length: RUNS }, (_, seed) => {
    const random = seededRandom(seed);
    const switches = randomHistory(random, {
      switches: Math.floor(random() * 60),
      members: 1 + Math.floor(random() * 12),
      spanMs: Math.floor((1 + random() * 60) * D),
      end: END,
    });
    const start = random() < 0.2 ? null : END - Math.floor(random() * 40 * D);
    const filter = random() < 0.2 ? new Set(['m0000', 'm0001', 'm0002']) : undefined;
    return { seed, switches, options: { start, now: END, flat: random() < 0.5, frontersOnly: random() < 0.4, memberFilter: filter } };
  });
}

function comparable(stats: FrontStats, shift = 0): unknown {
  const move = (intervals: Array<{ start: number; end: number }>) => intervals.map((i) => ({ start: i.start - shift, end: i.end - shift }));
  return {
    ...stats,
    periodStart: stats.periodStart === null ? null : stats.periodStart - shift,
    periodEnd: stats.periodEnd - shift,
    members: stats.members.map((row) => ({ ...row, intervals: move(row.intervals) })),
    noFronter: stats.noFronter && { ...stats.noFronter, intervals: move(stats.noFronter.intervals) },
  };
}

describe('computeFrontStats properties (seeded random histories)', () => {
  it('flat shares add up to 100 % (±0.1 %) whenever there is time to divide', () => {
    let checked = 0;
    for (const { seed, switches, options } of cases()) {
      const stats = computeFrontStats(switches, { ...options, flat: true });
      if (stats.denominatorMs === 0) continue;
      checked++;
      const sum = stats.members.reduce((total, row) => total + row.share, 0) + (stats.noFronter?.share ?? 0);
      expect(Math.abs(sum - 1), `seed ${seed}`).toBeLessThanOrEqual(0.001);
    }
    expect(checked).toBeGreaterThan(RUNS / 2);
  });

  it('never credits anyone more than the period, and member and no-fronter time cover it exactly', () => {
    for (const { seed, switches, options } of cases()) {
      const stats = computeFrontStats(switches, { ...options, frontersOnly: false });
      if (stats.periodStart === null) {
        expect(stats.members, `seed ${seed}`).toEqual([]);
        continue;
      }
      const covered = stats.periodEnd - stats.periodStart;
      if (options.start !== null) expect(covered, `seed ${seed}`).toBeLessThanOrEqual(END - options.start);
      for (const row of stats.members) {
        expect(row.totalMs, `seed ${seed}`).toBeLessThanOrEqual(covered);
        if (!stats.flat) expect(row.share, `seed ${seed}`).toBeLessThanOrEqual(1);
        expect(row.intervals.reduce((sum, i) => sum + i.end - i.start, 0), `seed ${seed}`).toBe(row.totalMs);
      }
      const union = unionOfIntervals([...stats.members.map((row) => row.intervals), stats.noFronter!.intervals]);
      expect(union, `seed ${seed}`).toEqual([{ start: stats.periodStart, end: stats.periodEnd }]);
    }
  });

  it('gives the same result whatever order the switches arrive in', () => {
    for (const { seed, switches, options } of cases().slice(0, 50)) {
      const random = seededRandom(seed + 10_000);
      const shuffled = [...switches].sort(() => random() - 0.5);
      expect(comparable(computeFrontStats(shuffled, options)), `seed ${seed}`).toEqual(comparable(computeFrontStats(switches, options)));
    }
  });

  it('gives the same durations when the whole history moves across DST changes (instants, not wall clock)', () => {
    // Whole-day moves in Europe/Berlin wall-clock terms land on different UTC offsets; real time must not care.
    const zone = 'Europe/Berlin';
    for (const { seed, switches, options } of cases().slice(0, 50)) {
      const days = 1 + (seed % 200);
      const shift = DateTime.fromMillis(END, { zone }).minus({ days }).toMillis() - END;
      const moved = switches.map((entry) => ({ ...entry, timestamp: new Date(Date.parse(entry.timestamp) + shift).toISOString() }));
      const movedOptions = { ...options, now: END + shift, start: options.start === null ? null : options.start + shift };
      const original = computeFrontStats(switches.map((entry) => ({ ...entry, timestamp: new Date(Date.parse(entry.timestamp)).toISOString() })), options);
      expect(comparable(computeFrontStats(moved, movedOptions), shift), `seed ${seed}`).toEqual(comparable(original));
    }
  });
});
