/** Guards PluralKit's bot applies and the API lacks (spec §6). */

export const MAX_SWITCH_MEMBERS = 150;
/** Clock skew tolerated before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 60_000;

export type GuardResult = { ok: true } | { ok: false; message: string };

export function checkSwitchMembers(memberIds: readonly string[], options: { currentFronterIds: readonly string[] | null }): GuardResult {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of memberIds) (seen.has(id) ? duplicates : seen).add(id);
  if (duplicates.size > 0) {
    return { ok: false, message: `A switch can't list the same member more than once (${[...duplicates].map((id) => `\`${id}\``).join(', ')}).` };
  }
  if (memberIds.length > MAX_SWITCH_MEMBERS) {
    return { ok: false, message: `A switch can have at most ${MAX_SWITCH_MEMBERS} members (you gave ${memberIds.length}).` };
  }
  const current = options.currentFronterIds;
  if (current && current.length === memberIds.length && current.every((id, i) => id === memberIds[i])) {
    return {
      ok: false,
      message: memberIds.length === 0 ? 'Nobody is fronting already: the latest switch is a switch-out.' : 'Those members are already fronting, in that order.',
    };
  }
  return { ok: true };
}

export function checkSwitchTime(at: Date, options: { now: Date; previousSwitchAt?: Date | null }): GuardResult {
  if (at.getTime() > options.now.getTime() + FUTURE_TOLERANCE_MS) {
    return { ok: false, message: "That time is in the future; switches can only be logged for now or the past." };
  }
  const previous = options.previousSwitchAt;
  if (previous && at.getTime() <= previous.getTime()) {
    const unix = Math.floor(previous.getTime() / 1000);
    return { ok: false, message: `That is before your previous switch (<t:${unix}:f>, <t:${unix}:R>); a switch can't be moved past it.` };
  }
  return { ok: true };
}
