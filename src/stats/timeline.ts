import type { SwitchSummary } from '../pluralkit/models.js';

/** A switch with its instant read once, members without repeats. */
export interface TimedSwitch {
  at: number;
  members: readonly string[];
}

/**
 * Switches oldest first, as instants. PluralKit lists them newest first and never stores two at
 * one timestamp, but the order is not trusted: the result must not depend on how the history was
 * paged. A timestamp that does not parse is dropped (it cannot be placed in time); a member listed
 * twice in one switch is counted once.
 */
export function toTimedSwitches(switches: readonly SwitchSummary[]): TimedSwitch[] {
  const timed: TimedSwitch[] = [];
  for (const entry of switches) {
    const at = Date.parse(entry.timestamp);
    if (Number.isNaN(at)) continue;
    timed.push({ at, members: [...new Set(entry.members)] });
  }
  return timed.sort((a, b) => a.at - b.at);
}
