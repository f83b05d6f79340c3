/*
 * Front analytics, as data. Every instant is epoch milliseconds: durations are
 * differences of instants, so daylight-saving changes never stretch or shrink
 * them. Time zones only matter where times are shown (charts, footers).
 */

/** A stretch of time, `start` inclusive, `end` exclusive. */
export interface FrontInterval {
  start: number;
  end: number;
}

export interface MemberFront {
  /** PluralKit short ID, as the switch list gives it. */
  memberId: string;
  totalMs: number;
  /** `totalMs` over the stats' `denominatorMs` (0.42 = 42 %). Without `flat`, shares may add up to more than 1. */
  share: number;
  /** When the member fronted, oldest first; touching stretches are merged. */
  intervals: FrontInterval[];
}

export interface NoFronterTime {
  totalMs: number;
  share: number;
  intervals: FrontInterval[];
}

export interface FrontStatsOptions {
  /** Requested start (epoch ms), or null for the whole history. */
  start: number | null;
  /** The end of the period: now, or the end of a range in the past. Switches from here on are not counted; the one in force counts up to here. */
  now: number;
  /** Divide by the sum of all member time (plus no-fronter time unless `frontersOnly`): shares add up to 100 %. */
  flat?: boolean;
  /** Leave switch-out time out: no "no fronter" row, and it is subtracted from the period. */
  frontersOnly?: boolean;
  /**
   * Count only these members (short IDs, e.g. a group's). Like PluralKit's group front percent,
   * time when none of them fronted (a switch-out, or only other members fronting) is "no fronter".
   */
  memberFilter?: ReadonlySet<string>;
  /** The group `memberFilter` stands for, so its "no fronter" time can say whose absence it is. */
  groupName?: string | null;
}

export interface FrontStats {
  /** Most front time first; ties by member ID so the order never depends on input order. */
  members: MemberFront[];
  /** Switch-out time (see `memberFilter`); null with `frontersOnly`. */
  noFronter: NoFronterTime | null;
  /**
   * Start of the period actually covered: the requested start, or the first known switch when that
   * is later. Null when no switch covers any of the range (nothing to show).
   */
  periodStart: number | null;
  periodEnd: number;
  /** What shares were divided by (ms); 0 when there is nothing to divide. */
  denominatorMs: number;
  /** Switches that were in force for some of the period. */
  switchCount: number;
  flat: boolean;
  frontersOnly: boolean;
  /** Set when the stats count one group's members only (`memberFilter`). */
  groupName: string | null;
}

/** When a member last fronted, for the member card. */
export interface LastFronted {
  start: number;
  /** null: fronting now. */
  end: number | null;
  durationMs: number;
  /**
   * The stretch runs back to the oldest switch that was read, so it may have begun earlier than
   * `start` (read more history to know); false when an older switch without the member was seen.
   */
  startMayBeEarlier: boolean;
}

/** "Last fronted" as a member card shows it: a stretch, or none within the days looked at. */
export type LastFrontedView = { kind: 'fronted'; fronted: LastFronted } | { kind: 'not-recently'; days: number };
