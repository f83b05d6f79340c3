import type { SwitchSummary } from '../pluralkit/models.js';
import { NO_FRONTER_SLOT, StretchLog } from './stretch-log.js';
import { toTimedSwitches } from './timeline.js';
import type { FrontInterval, FrontStats, FrontStatsOptions, LastFronted, MemberFront, NoFronterTime } from './types.js';

/*
 * PluralKit's front percent maths (UX reference §2.6), on the switch list alone:
 * - a switch lasts until the next one; the current one until `now`;
 * - the switch in force at the range start counts from the range start; when the first known
 *   switch is later, the period starts there;
 * - every member of a switch is credited the whole switch, so shares may add up to more than 100 %;
 * - `flat` divides by the sum of all member time (plus no-fronter time unless `frontersOnly`);
 * - `frontersOnly` drops no-fronter time from the rows and from the period.
 */

/**
 * A row of figures whose intervals come from the period's stretch log when first read. A class,
 * so every row shares one shape and one getter (an object literal with a getter per row makes a
 * new hidden class each time, and optimised code that saw them is thrown away when they die).
 */
class TimeRow implements NoFronterTime {
  readonly #log: StretchLog;
  readonly #slot: number;

  constructor(
    readonly totalMs: number,
    readonly share: number,
    log: StretchLog,
    slot: number,
  ) {
    this.#log = log;
    this.#slot = slot;
  }

  get intervals(): FrontInterval[] {
    return this.#log.intervalsOf(this.#slot);
  }
}

class MemberRow extends TimeRow implements MemberFront {
  constructor(
    readonly memberId: string,
    totalMs: number,
    share: number,
    log: StretchLog,
    slot: number,
  ) {
    super(totalMs, share, log, slot);
  }
}

/** Index of the switch in force at `instant` (the last one at or before it), or -1 when none is. */
function switchInForceAt(at: Float64Array, instant: number): number {
  let low = 0;
  let high = at.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (at[middle]! <= instant) {
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
  const { at } = timed;
  const { now, memberFilter } = options;
  const flat = options.flat ?? false;
  const frontersOnly = options.frontersOnly ?? false;
  const rangeStart = options.start ?? Number.NEGATIVE_INFINITY;

  // Switches that may count: from the one in force at the range start to the last before the end.
  const first = Math.max(0, switchInForceAt(at, rangeStart));
  let last = switchInForceAt(at, now);
  while (last >= 0 && at[last]! >= now) last--;
  let capacity = 0;
  for (let index = first; index <= last; index++) capacity += timed.membersAt(index).length + 1;

  const log = new StretchLog(capacity);
  log.addOwner(); // NO_FRONTER_SLOT
  const slots = new Map<string, number>();
  // The first switch that counts, as an index: the period's start follows from it.
  let firstCounted = -1;
  let switchCount = 0;

  for (let index = first; index <= last; index++) {
    const start = Math.max(at[index]!, rangeStart);
    const end = index < last ? at[index + 1]! : now;
    if (end <= start) continue;
    if (firstCounted < 0) firstCounted = index;
    switchCount++;
    const fronting = timed.membersAt(index);
    let counted = 0;
    for (let place = 0; place < fronting.length; place++) {
      const id = fronting[place]!;
      if (memberFilter && !memberFilter.has(id)) continue;
      counted++;
      let slot = slots.get(id);
      if (slot === undefined) {
        slot = log.addOwner();
        slots.set(id, slot);
      }
      log.add(slot, start, end);
    }
    if (counted === 0) log.add(NO_FRONTER_SLOT, start, end);
  }

  const periodStart = firstCounted < 0 ? null : Math.max(at[firstCounted]!, rangeStart);
  const noFronterMs = log.totalOf(NO_FRONTER_SLOT);
  const coveredMs = periodStart === null ? 0 : now - periodStart;
  let memberSum = 0;
  for (let slot = 1; slot < log.ownerCount; slot++) memberSum += log.totalOf(slot);
  const denominatorMs = flat ? memberSum + (frontersOnly ? 0 : noFronterMs) : coveredMs - (frontersOnly ? noFronterMs : 0);
  const shareOf = (ms: number): number => (denominatorMs > 0 ? ms / denominatorMs : 0);

  const rows: MemberFront[] = [];
  for (const [memberId, slot] of slots) rows.push(new MemberRow(memberId, log.totalOf(slot), shareOf(log.totalOf(slot)), log, slot));
  rows.sort((a, b) => b.totalMs - a.totalMs || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));

  return {
    members: rows,
    noFronter: frontersOnly ? null : new TimeRow(noFronterMs, shareOf(noFronterMs), log, NO_FRONTER_SLOT),
    periodStart,
    periodEnd: now,
    denominatorMs,
    switchCount,
    flat,
    frontersOnly,
    groupName: options.groupName ?? null,
  };
}

/**
 * The member's latest stretch at the front (across switches that kept them in, whoever else
 * joined or left), or null when they are in none of the switches given. Switches after `now`
 * are ignored.
 */
export function lastFronted(switches: readonly SwitchSummary[], memberId: string, now: number): LastFronted | null {
  const timed = toTimedSwitches(switches);
  const { at } = timed;
  const known = switchInForceAt(at, now) + 1;
  let last = known - 1;
  while (last >= 0 && !timed.membersAt(last).includes(memberId)) last--;
  if (last === -1) return null;
  let first = last;
  while (first > 0 && timed.membersAt(first - 1).includes(memberId)) first--;
  const start = at[first]!;
  const end = last + 1 < known ? at[last + 1]! : null;
  return { start, end, durationMs: (end ?? now) - start, startMayBeEarlier: first === 0 };
}

/** Member shares and no-fronter share together: above 1 when co-fronting was counted for each member (not with `flat`). */
export function shareTotal(stats: { members: ReadonlyArray<{ share: number }>; noFronter: { share: number } | null }): number {
  let total = stats.noFronter?.share ?? 0;
  for (const row of stats.members) total += row.share;
  return total;
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
