import type { SwitchSummary } from '../pluralkit/models.js';
import { toTimedSwitches, type TimedSwitch } from './timeline.js';
import type { FrontInterval, FrontStats, FrontStatsOptions, LastFronted, MemberFront } from './types.js';

/*
 * PluralKit's front percent maths (UX reference §2.6), on the switch list alone:
 * - a switch lasts until the next one; the current one until `now`;
 * - the switch in force at the range start counts from the range start; when the first known
 *   switch is later, the period starts there;
 * - every member of a switch is credited the whole switch, so shares may add up to more than 100 %;
 * - `flat` divides by the sum of all member time (plus no-fronter time unless `frontersOnly`);
 * - `frontersOnly` drops no-fronter time from the rows and from the period.
 */

class Accumulator {
  totalMs = 0;
  readonly intervals: FrontInterval[] = [];

  add(start: number, end: number): void {
    this.totalMs += end - start;
    const last = this.intervals.at(-1);
    if (last && last.end === start) last.end = end;
    else this.intervals.push({ start, end });
  }
}

/** Index of the switch in force at `instant` (the last one at or before it), or -1 when none is. */
function switchInForceAt(switches: readonly TimedSwitch[], instant: number): number {
  let low = 0;
  let high = switches.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (switches[middle]!.at <= instant) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

export function computeFrontStats(switches: readonly SwitchSummary[], options: FrontStatsOptions): FrontStats {
  const timed = toTimedSwitches(switches);
  const { now, memberFilter } = options;
  const flat = options.flat ?? false;
  const frontersOnly = options.frontersOnly ?? false;
  const rangeStart = options.start ?? Number.NEGATIVE_INFINITY;

  const members = new Map<string, Accumulator>();
  const noFronter = new Accumulator();
  let periodStart: number | null = null;
  let switchCount = 0;

  const first = Math.max(0, switchInForceAt(timed, rangeStart));
  for (let index = first; index < timed.length; index++) {
    const current = timed[index]!;
    const start = Math.max(current.at, rangeStart);
    const end = Math.min(timed[index + 1]?.at ?? now, now);
    if (end <= start) continue;
    periodStart ??= start;
    switchCount++;
    const counted = memberFilter ? current.members.filter((id) => memberFilter.has(id)) : current.members;
    if (counted.length === 0) noFronter.add(start, end);
    for (const id of counted) {
      let accumulator = members.get(id);
      if (!accumulator) members.set(id, (accumulator = new Accumulator()));
      accumulator.add(start, end);
    }
  }

  const coveredMs = periodStart === null ? 0 : now - periodStart;
  let memberSum = 0;
  for (const accumulator of members.values()) memberSum += accumulator.totalMs;
  const denominatorMs = flat
    ? memberSum + (frontersOnly ? 0 : noFronter.totalMs)
    : coveredMs - (frontersOnly ? noFronter.totalMs : 0);
  const shareOf = (ms: number): number => (denominatorMs > 0 ? ms / denominatorMs : 0);

  const rows: MemberFront[] = [...members].map(([memberId, accumulator]) => ({
    memberId,
    totalMs: accumulator.totalMs,
    share: shareOf(accumulator.totalMs),
    intervals: accumulator.intervals,
  }));
  rows.sort((a, b) => b.totalMs - a.totalMs || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));

  return {
    members: rows,
    noFronter: frontersOnly ? null : { totalMs: noFronter.totalMs, share: shareOf(noFronter.totalMs), intervals: noFronter.intervals },
    periodStart,
    periodEnd: now,
    denominatorMs,
    switchCount,
    flat,
    frontersOnly,
  };
}

/**
 * The member's latest stretch at the front (across switches that kept them in, whoever else
 * joined or left), or null when they are in none of the switches given. Switches after `now`
 * are ignored.
 */
export function lastFronted(switches: readonly SwitchSummary[], memberId: string, now: number): LastFronted | null {
  const timed = toTimedSwitches(switches).filter((entry) => entry.at <= now);
  let last = -1;
  for (let index = timed.length - 1; index >= 0; index--) {
    if (timed[index]!.members.includes(memberId)) {
      last = index;
      break;
    }
  }
  if (last === -1) return null;
  let first = last;
  while (first > 0 && timed[first - 1]!.members.includes(memberId)) first--;
  const start = timed[first]!.at;
  const end = timed[last + 1]?.at ?? null;
  return { start, end, durationMs: (end ?? now) - start, startMayBeEarlier: first === 0 };
}

/**
 * Front time of several members taken together, for an "others" row. With `flat` it is the sum of
 * their shares (their part of the 100 %); otherwise it is the time when at least one of them fronted,
 * so co-fronting is not counted twice and the share never exceeds 100 %.
 */
export function combinedFront(stats: FrontStats, memberIds: ReadonlySet<string>): { totalMs: number; share: number } {
  const chosen = stats.members.filter((row) => memberIds.has(row.memberId));
  let totalMs = 0;
  if (stats.flat) {
    for (const row of chosen) totalMs += row.totalMs;
  } else {
    for (const interval of unionOfIntervals(chosen.map((row) => row.intervals))) totalMs += interval.end - interval.start;
  }
  return { totalMs, share: stats.denominatorMs > 0 ? totalMs / stats.denominatorMs : 0 };
}

/** The union of several sorted interval lists, sorted and without overlaps. */
export function unionOfIntervals(lists: ReadonlyArray<readonly FrontInterval[]>): FrontInterval[] {
  const all = lists.flat().sort((a, b) => a.start - b.start);
  const merged: FrontInterval[] = [];
  for (const interval of all) {
    const last = merged.at(-1);
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}
