/*
 * Checks PluralKit's bot makes before a switch is written and the API does
 * not (spec §6, UX reference §8), so the user gets a clear refusal instead of
 * a silent duplicate, a 150+ member switch, or a generic API error.
 */

import { discordTimestamp } from '../time/format.js';

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

export type GuardResult = { ok: true } | { ok: false; message: string };

/** Whether `date` is later than `now` by more than the tolerated clock skew. */
export function isInFuture(date: Date, now: Date, toleranceMs = FUTURE_TOLERANCE_MS): boolean {
  return date.getTime() > now.getTime() + toleranceMs;
}

function when(date: Date): string {
  return `${discordTimestamp(date, 'f')}, ${discordTimestamp(date, 'R')}`;
}

/** A refused early time as plain UTC text: Discord cannot draw timestamps from year 1. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Members of a new or edited switch, by short ID and in order: no repeats, at
 * most 150, and not the same sequence as the current fronters (PluralKit
 * compares the ordered lists, so a reordering is a real change). Pass
 * `currentFronterIds: null` when the switch will not become the latest one.
 * `describe` turns an ID into a name for messages (default: the ID itself).
 */
export function checkSwitchMembers(
  memberIds: readonly string[],
  options: { currentFronterIds: readonly string[] | null; describe?: (id: string) => string },
): GuardResult {
  const describe = options.describe ?? ((id: string) => `\`${id}\``);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of memberIds) (seen.has(id) ? repeated : seen).add(id);
  if (repeated.size > 0) {
    return { ok: false, message: `A switch can't list the same member twice: ${[...repeated].map(describe).join(', ')} ${repeated.size === 1 ? 'is' : 'are'} listed more than once.` };
  }
  if (memberIds.length > MAX_SWITCH_MEMBERS) {
    return { ok: false, message: `A switch can have at most ${MAX_SWITCH_MEMBERS} members; you gave ${memberIds.length}.` };
  }
  const current = options.currentFronterIds;
  if (current && current.length === memberIds.length && current.every((id, i) => id === memberIds[i])) {
    if (memberIds.length === 0) return { ok: false, message: 'Nobody is fronting already: your latest switch is a switch-out.' };
    if (memberIds.length === 1) return { ok: false, message: `${describe(memberIds[0]!)} is already fronting.` };
    return { ok: false, message: 'Those members are already fronting, in that order. (A different order counts as a new switch.)' };
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
  if (Number.isNaN(at.getTime())) return { ok: false, message: "That isn't a time I can use." };
  if (isInFuture(at, options.now)) {
    return { ok: false, message: `That time (${when(at)}) is in the future; switches can only be logged for now or the past.` };
  }
  const created = options.notBefore && !Number.isNaN(options.notBefore.getTime()) ? options.notBefore : null;
  if (created && created.getTime() > EARLIEST_SWITCH_TIME.getTime() && at.getTime() < created.getTime()) {
    return {
      ok: false,
      message: `That time (${utcText(at)}) is before your system was created; the earliest time a switch can have is ${when(created)}.`,
    };
  }
  if (at.getTime() < EARLIEST_SWITCH_TIME.getTime()) {
    return {
      ok: false,
      message: `That time (${utcText(at)}) is before PluralKit existed; the earliest time a switch can have is ${when(EARLIEST_SWITCH_TIME)}. Check the year.`,
    };
  }
  const previous = options.previousSwitchAt;
  if (previous && at.getTime() <= previous.getTime()) {
    return {
      ok: false,
      message: `That is ${at.getTime() === previous.getTime() ? 'the same time as' : 'before'} your previous switch (${when(previous)}); a switch can't be moved to or past the one before it.`,
    };
  }
  const latest = options.latestSwitchAt;
  if (latest && at.getTime() === latest.getTime()) {
    return { ok: false, message: `There is already a switch at exactly that time (${when(latest)}); PluralKit keeps one switch per moment.` };
  }
  return { ok: true };
}
