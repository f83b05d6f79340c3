import { describe, expect, it } from 'vitest';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import { combinedFront, computeFrontStats, lastFronted, unionOfIntervals } from '../../src/stats/engine.js';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-05-31T12:00:00Z');

let counter = 0;
/** A switch `hoursAgo` hours before NOW. */
function sw(hoursAgo: number, ...members: string[]): SwitchSummary {
  counter++;
  return { id: `switch-${counter}`, timestamp: new Date(NOW - hoursAgo * H).toISOString(), members };
}

/** Newest first, as PluralKit lists them. */
function history(...switches: SwitchSummary[]): SwitchSummary[] {
  return [...switches].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
}

/** A row's figures and intervals as plain data (rows read their intervals when asked). */
function asData(row: { totalMs: number; share: number; intervals: unknown } | null) {
  return row && { totalMs: row.totalMs, share: row.share, intervals: row.intervals };
}

function totals(stats: ReturnType<typeof computeFrontStats>): Record<string, number> {
  return Object.fromEntries(stats.members.map((row) => [row.memberId, row.totalMs / H]));
}

describe('computeFrontStats: PluralKit front percent', () => {
  it('has nothing to show for an empty history', () => {
    const stats = computeFrontStats([], { start: NOW - 30 * D, now: NOW });
    expect(stats).toMatchObject({ members: [], periodStart: null, denominatorMs: 0, switchCount: 0 });
    expect(asData(stats.noFronter)).toEqual({ totalMs: 0, share: 0, intervals: [] });
  });

  it('counts the switch in force at the range start from the range start, even with no switch inside the range', () => {
    const stats = computeFrontStats(history(sw(100 * 24, 'alice')), { start: NOW - 24 * H, now: NOW });
    expect(stats.periodStart).toBe(NOW - 24 * H);
    expect(totals(stats)).toEqual({ alice: 24 });
    expect(stats.members[0]!.share).toBe(1);
    expect(stats.members[0]!.intervals).toEqual([{ start: NOW - 24 * H, end: NOW }]);
    expect(stats.switchCount).toBe(1);
  });

  it('starts the period at the first known switch when it is later than the requested start', () => {
    const stats = computeFrontStats(history(sw(10, 'alice')), { start: NOW - 30 * D, now: NOW });
    expect(stats.periodStart).toBe(NOW - 10 * H);
    expect(stats.denominatorMs).toBe(10 * H);
    expect(stats.members[0]!.share).toBe(1);
  });

  it('counts a single switch that is still current up to now', () => {
    const stats = computeFrontStats(history(sw(3, 'alice')), { start: null, now: NOW });
    expect(totals(stats)).toEqual({ alice: 3 });
  });

  it('credits every co-fronter the whole switch, so shares may exceed 100 % in total', () => {
    const stats = computeFrontStats(history(sw(10, 'alice'), sw(6, 'alice', 'bob'), sw(2, 'bob')), { start: null, now: NOW });
    expect(totals(stats)).toEqual({ alice: 8, bob: 6 });
    expect(stats.members.map((row) => row.share)).toEqual([0.8, 0.6]);
    // Alice's stretch across two switches is one interval.
    expect(stats.members[0]!.intervals).toEqual([{ start: NOW - 10 * H, end: NOW - 2 * H }]);
  });

  it('shows switch-out time as no fronter, which counts in the period', () => {
    const stats = computeFrontStats(history(sw(10, 'alice'), sw(6), sw(2, 'alice')), { start: null, now: NOW });
    expect(totals(stats)).toEqual({ alice: 6 });
    expect(asData(stats.noFronter)).toEqual({ totalMs: 4 * H, share: 0.4, intervals: [{ start: NOW - 6 * H, end: NOW - 2 * H }] });
    expect(stats.members[0]!.share).toBe(0.6);
    expect(stats.members[0]!.intervals).toHaveLength(2);
  });

  it('with fronters_only, drops switch-out time from the rows and the period', () => {
    const stats = computeFrontStats(history(sw(10, 'alice'), sw(6), sw(2, 'bob')), { start: null, now: NOW, frontersOnly: true });
    expect(stats.noFronter).toBeNull();
    expect(stats.denominatorMs).toBe(6 * H);
    expect(stats.members.map((row) => [row.memberId, row.share])).toEqual([
      ['alice', 4 / 6],
      ['bob', 2 / 6],
    ]);
  });

  it('with flat, divides by the sum of member time plus no-fronter time so shares add up to 100 %', () => {
    const stats = computeFrontStats(history(sw(10, 'alice', 'bob'), sw(6), sw(2, 'bob')), { start: null, now: NOW, flat: true });
    // alice 4 h, bob 6 h, no fronter 4 h: 14 h in all.
    expect(stats.denominatorMs).toBe(14 * H);
    const shares = [...stats.members.map((row) => row.share), stats.noFronter!.share];
    expect(shares.reduce((a, b) => a + b)).toBeCloseTo(1, 10);
  });

  it('with flat and fronters_only, leaves no-fronter time out of the sum', () => {
    const stats = computeFrontStats(history(sw(10, 'alice', 'bob'), sw(6), sw(2, 'bob')), { start: null, now: NOW, flat: true, frontersOnly: true });
    expect(stats.denominatorMs).toBe(10 * H);
    expect(stats.members.map((row) => row.share)).toEqual([0.6, 0.4]);
  });

  it('counts a member listed twice in one switch once', () => {
    const stats = computeFrontStats(history(sw(4, 'alice', 'alice', 'bob')), { start: null, now: NOW });
    expect(totals(stats)).toEqual({ alice: 4, bob: 4 });
  });

  it('with a group filter, counts only its members and calls time without any of them no fronter', () => {
    const group = new Set(['alice', 'carol']);
    const stats = computeFrontStats(history(sw(10, 'alice', 'bob'), sw(6, 'bob'), sw(4), sw(2, 'carol')), {
      start: null,
      now: NOW,
      memberFilter: group,
    });
    expect(totals(stats)).toEqual({ alice: 4, carol: 2 });
    expect(stats.noFronter!.totalMs).toBe(4 * H); // 2 h of only Bob, 2 h of switch-out
    expect(stats.switchCount).toBe(4);
  });

  it('orders rows by time, then by ID, whatever order the switches came in', () => {
    const switches = history(sw(6, 'zed'), sw(4, 'amy'), sw(2, 'bob'));
    const stats = computeFrontStats([...switches].reverse(), { start: null, now: NOW });
    expect(stats.members.map((row) => row.memberId)).toEqual(['amy', 'bob', 'zed']);
  });

  it('ignores switches after now and a range that starts after now', () => {
    const switches = history(sw(4, 'alice'), sw(-1, 'bob'));
    expect(totals(computeFrontStats(switches, { start: null, now: NOW }))).toEqual({ alice: 4 });
    expect(computeFrontStats(switches, { start: NOW + H, now: NOW }).periodStart).toBeNull();
  });

  it('reads PluralKit timestamps with microseconds and skips one that does not parse', () => {
    const switches: SwitchSummary[] = [
      { id: 'b', timestamp: '2026-05-31T11:00:00.250001Z', members: ['bob'] },
      { id: 'x', timestamp: 'not a time', members: ['ghost'] },
      { id: 'a', timestamp: '2026-05-31T10:00:00.250999Z', members: ['alice'] },
    ];
    expect(totals(computeFrontStats(switches, { start: null, now: Date.parse('2026-05-31T12:00:00.250Z') }))).toEqual({ alice: 1, bob: 1 });
  });

  it('measures instants, so a night with a DST change lasts what it really lasted', () => {
    // Europe/Berlin springs forward at 01:00 UTC on 2026-03-29: 00:00 → 06:00 local is 5 real hours.
    const switches: SwitchSummary[] = [
      { id: '2', timestamp: '2026-03-29T04:00:00Z', members: ['bob'] }, // 06:00 CEST
      { id: '1', timestamp: '2026-03-28T23:00:00Z', members: ['alice'] }, // 00:00 CET
    ];
    const stats = computeFrontStats(switches, { start: null, now: Date.parse('2026-03-29T05:00:00Z') });
    expect(totals(stats)).toEqual({ alice: 5, bob: 1 });
  });
});

describe('lastFronted', () => {
  it('is null for a member who never fronted in the history read', () => {
    expect(lastFronted(history(sw(5, 'alice')), 'bob', NOW)).toBeNull();
    expect(lastFronted([], 'bob', NOW)).toBeNull();
  });

  it('is open-ended while the member is fronting, across switches that kept them in', () => {
    const switches = history(sw(30, 'bob'), sw(10, 'alice'), sw(6, 'alice', 'bob'), sw(2, 'alice'));
    expect(lastFronted(switches, 'alice', NOW)).toEqual({ start: NOW - 10 * H, end: null, durationMs: 10 * H, startMayBeEarlier: false });
  });

  it('ends at the first switch without the member', () => {
    const switches = history(sw(30, 'bob'), sw(10, 'alice'), sw(6, 'alice', 'bob'), sw(2, 'bob'), sw(1, 'carol'));
    expect(lastFronted(switches, 'alice', NOW)).toEqual({ start: NOW - 10 * H, end: NOW - 2 * H, durationMs: 8 * H, startMayBeEarlier: false });
  });

  it('says when the stretch reaches the oldest switch read, as it may have begun before', () => {
    expect(lastFronted(history(sw(10, 'alice'), sw(2)), 'alice', NOW)).toMatchObject({ end: NOW - 2 * H, startMayBeEarlier: true });
  });

  it('ignores switches after now', () => {
    expect(lastFronted(history(sw(10, 'alice'), sw(-2, 'bob')), 'alice', NOW)).toMatchObject({ end: null, durationMs: 10 * H });
  });
});

describe('combinedFront (an "others" row)', () => {
  const switches = history(sw(10, 'alice', 'bob'), sw(6, 'bob'), sw(4), sw(2, 'carol'));

  it('counts time when any of them fronted once, without flat', () => {
    const stats = computeFrontStats(switches, { start: null, now: NOW });
    expect(combinedFront(stats, new Set(['alice', 'bob']))).toEqual({ totalMs: 6 * H, share: 0.6 });
  });

  it('adds their shares with flat', () => {
    const stats = computeFrontStats(switches, { start: null, now: NOW, flat: true });
    // alice 4 + bob 6 = 10 of 4 + 6 + 2 + 2 (no fronter) = 14.
    expect(combinedFront(stats, new Set(['alice', 'bob']))).toEqual({ totalMs: 10 * H, share: 10 / 14 });
  });

  it('merges overlapping and touching intervals', () => {
    expect(
      unionOfIntervals([
        [{ start: 0, end: 5 }, { start: 10, end: 12 }],
        [{ start: 3, end: 7 }, { start: 12, end: 13 }],
      ]),
    ).toEqual([
      { start: 0, end: 7 },
      { start: 10, end: 13 },
    ]);
  });
});
