/*
 * Checks PluralKit's bot makes before a switch is written and the API does
 * not (spec §6, UX reference §8), so the user gets a clear refusal instead of
 * a silent duplicate, a 150+ member switch, or a generic API error.
 */

import { Refusal } from '../core/refusal.js';

export const MAX_SWITCH_MEMBERS = 150;
/** Clock skew tolerated before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 60_000;
/**
 * No switch can be older than this: 1 January 2018 UTC, the start of the
 * year PluralKit launched. Every system was created after it, and imports
 * only bring switches logged in PluralKit, so an earlier time is a typo
 * (`0001-01-01`, `2O24`…) rather than history. A floor even when the caller
 * does not know the system's creation time; 2000 would let through typos
 * such as `2008` for `2018` that no system can have.
 */
export const EARLIEST_SWITCH_TIME = new Date('2018-01-01T00:00:00Z');

export type GuardResult = { ok: true } | { ok: false; refusal: Refusal };

const refused = (...args: ConstructorParameters<typeof Refusal>): GuardResult => ({ ok: false, refusal: new Refusal(...args) });

/** Whether `date` is later than `now` by more than the tolerated clock skew. */
export function isInFuture(date: Date, now: Date, toleranceMs = FUTURE_TOLERANCE_MS): boolean {
  return date.getTime() > now.getTime() + toleranceMs;
}

/**
 * Members of a new or edited switch, by short ID and in order: no repeats, at
 * most 150, and not the same sequence as the current fronters (PluralKit
 * compares the ordered lists, so a reordering is a real change). Pass
 * `currentFronterIds: null` when the switch will not become the latest one.
 * `names` names the members in the refusal (by short ID; default: the IDs themselves).
 */
export function checkSwitchMembers(
  memberIds: readonly string[],
  options: { currentFronterIds: readonly string[] | null; names?: Readonly<Record<string, string>> },
): GuardResult {
  const names = options.names ?? null;
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of memberIds) (seen.has(id) ? repeated : seen).add(id);
  if (repeated.size > 0) return refused('switch.repeated-members', { memberIds: [...repeated], names });
  if (memberIds.length > MAX_SWITCH_MEMBERS) return refused('switch.too-many-members', { count: memberIds.length, max: MAX_SWITCH_MEMBERS });
  const current = options.currentFronterIds;
  if (current && current.length === memberIds.length && current.every((id, i) => id === memberIds[i])) {
    return refused('switch.already-fronting', { memberIds: [...memberIds], names });
  }
  return { ok: true };
}

export interface SwitchTimeOptions {
  now: Date;
  /** The system's `created` time: no switch before it. Null or absent: only EARLIEST_SWITCH_TIME applies. */
  notBefore?: Date | null;
  previousSwitchAt?: Date | null;
  latestSwitchAt?: Date | null;
}

/**
 * The time of a new switch or of a move. Never in the future (beyond a
 * minute of clock skew), never before the system was created (`notBefore`)
 * nor before EARLIEST_SWITCH_TIME. For a move, `previousSwitchAt` is the
 * switch before the one being moved: the move may not reach it or go past it.
 * `latestSwitchAt` is the latest switch's time: PluralKit keeps one switch per
 * instant, so the exact same time is refused (for a move: it is already there).
 */
export function checkSwitchTime(at: Date, options: SwitchTimeOptions): GuardResult {
  if (Number.isNaN(at.getTime())) return refused('switch.time-unusable', {});
  if (isInFuture(at, options.now)) return refused('switch.time-in-future', { at });
  const created = options.notBefore && !Number.isNaN(options.notBefore.getTime()) ? options.notBefore : null;
  if (created && created.getTime() > EARLIEST_SWITCH_TIME.getTime() && at.getTime() < created.getTime()) {
    return refused('switch.before-system-created', { at, created });
  }
  if (at.getTime() < EARLIEST_SWITCH_TIME.getTime()) return refused('switch.before-pluralkit', { at, earliest: EARLIEST_SWITCH_TIME });
  const previous = options.previousSwitchAt;
  if (previous && at.getTime() <= previous.getTime()) return refused('switch.not-after-previous', { at, previous });
  const latest = options.latestSwitchAt;
  if (latest && at.getTime() === latest.getTime()) return refused('switch.time-taken', { latest });
  return { ok: true };
}
