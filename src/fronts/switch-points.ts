import type { SwitchPoint } from './front-file.js';
import type { Micros } from './instant.js';
import { RefusedEntryTally } from './refused-entries.js';

/** One member's stretch of fronting as an interval format keeps it; `end` null while still fronting. */
export interface FrontInterval {
  member: string;
  start: Micros;
  end: Micros | null;
}

export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((member, index) => member === b[index]);
}

/** Appends `members` from `at` on, unless it is who fronted already (then nothing changed). */
function pushChange(points: SwitchPoint[], at: Micros, members: readonly string[]): void {
  const previous = points.at(-1);
  if (previous ? sameMembers(previous.members, members) : members.length === 0) return;
  points.push({ at, members });
}

/**
 * Intervals as switches: at every instant where someone starts or stops fronting, one switch with
 * everyone fronting from then on (an empty one is a switch-out). Everything that happens at one
 * instant makes one switch, a member whose next entry starts as the last one ends fronts on
 * unbroken, and overlapping entries of one member count once. Members are listed in the order they
 * began fronting (PluralKit shows the first as the main fronter), file order breaking ties.
 */
export function switchPointsFromIntervals(intervals: readonly FrontInterval[]): SwitchPoint[] {
  // +1 at each start, -1 at each end; at one instant starts go first so a handover never drops anyone.
  const events: Array<{ at: Micros; change: 1 | -1; member: string; order: number }> = [];
  intervals.forEach((interval, order) => {
    events.push({ at: interval.start, change: 1, member: interval.member, order });
    if (interval.end !== null) events.push({ at: interval.end, change: -1, member: interval.member, order });
  });
  events.sort((a, b) => a.at - b.at || b.change - a.change || a.order - b.order);

  /** Open entries per member; a Map keeps members in the order they began. */
  const fronting = new Map<string, number>();
  const points: SwitchPoint[] = [];
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    for (; i < events.length && events[i]!.at === at; i++) {
      const { member, change } = events[i]!;
      const open = (fronting.get(member) ?? 0) + change;
      if (open > 0) fronting.set(member, open);
      else fronting.delete(member);
    }
    pushChange(points, at, [...fronting.keys()]);
  }
  return points;
}

/**
 * A switch list as the file gives it, made a switch sequence: oldest first, one switch per instant
 * (later ones at the same instant are refused as `duplicate-time`, as PluralKit would), and a switch
 * that repeats who already fronted folded into the one before.
 */
export function switchPointsFromList(switches: readonly SwitchPoint[], refused: RefusedEntryTally): SwitchPoint[] {
  const sorted = [...switches].sort((a, b) => a.at - b.at);
  const points: SwitchPoint[] = [];
  let lastAt: Micros | null = null;
  for (const entry of sorted) {
    if (entry.at === lastAt) {
      refused.add('duplicate-time', entry.at);
      continue;
    }
    lastAt = entry.at;
    pushChange(points, entry.at, entry.members);
  }
  return points;
}

/** Gathers the front entries of an interval format, tallying those that cannot be used and why. */
export class IntervalCollector {
  readonly refused = new RefusedEntryTally();
  private readonly intervals: FrontInterval[] = [];

  constructor(private readonly isMember: (key: string) => boolean) {}

  /** `start`/`end` null when the file's time is unreadable; `end` 'open' while the member still fronts. */
  add(member: string, start: Micros | null, end: Micros | null | 'open'): void {
    if (start === null) return this.refused.add('invalid-time', null);
    if (!this.isMember(member)) return this.refused.add('unknown-member', start);
    if (end === null) return this.refused.add('invalid-time', start);
    if (end !== 'open' && end < start) return this.refused.add('ends-before-start', start);
    this.intervals.push({ member, start, end: end === 'open' ? null : end });
  }

  switchPoints(): SwitchPoint[] {
    return switchPointsFromIntervals(this.intervals);
  }
}
