import type { SwitchSummary } from '../pluralkit/models.js';
import { readInstant } from './instant.js';

/**
 * Switches oldest first: `at[position]` is a switch's instant, `membersAt(position)` its members
 * without repeats. Instants sit in one typed array and members are read from the switches as
 * given, not copied: a year of switches is read on every /stats, and under the production flags
 * (a 2 MB young generation) every array of one entry per switch lands in the old generation and
 * brings a full collection closer.
 */
export interface TimedSwitches {
  readonly at: Float64Array;
  membersAt(position: number): readonly string[];
}

/** `members` with a repeated ID counted once, or null when there is no repeat (the usual case). */
function withoutRepeats(members: readonly string[]): readonly string[] | null {
  const count = members.length;
  if (count < 2) return null;
  if (count <= 16) {
    for (let i = 1; i < count; i++) {
      for (let j = 0; j < i; j++) if (members[i] === members[j]) return [...new Set(members)];
    }
    return null;
  }
  const unique = new Set(members);
  return unique.size === count ? null : [...unique];
}

class SwitchTimeline implements TimedSwitches {
  /** Position → the member list with repeats removed, for the few switches that had any. */
  private readonly repeats = new Map<number, readonly string[]>();

  constructor(
    readonly at: Float64Array,
    private readonly switches: readonly SwitchSummary[],
    /** Position → index in `switches`; null when the positions are the switches newest first, reversed. */
    private readonly order: Int32Array | null,
  ) {
    for (let position = 0; position < at.length; position++) {
      const unique = withoutRepeats(this.source(position).members);
      if (unique) this.repeats.set(position, unique);
    }
  }

  membersAt(position: number): readonly string[] {
    return (this.repeats.size > 0 ? this.repeats.get(position) : undefined) ?? this.source(position).members;
  }

  private source(position: number): SwitchSummary {
    return this.switches[this.order ? this.order[position]! : this.switches.length - 1 - position]!;
  }
}

/**
 * Switches oldest first, as instants. PluralKit lists them newest first and never stores two at
 * one timestamp, but the order is not trusted: the result must not depend on how the history was
 * paged (a list newest first, as PluralKit gives it, is not sorted again). A timestamp that does
 * not parse is dropped (it cannot be placed in time); a member listed twice in one switch is
 * counted once.
 */
export function toTimedSwitches(switches: readonly SwitchSummary[]): TimedSwitches {
  const count = switches.length;
  const at = new Float64Array(count);
  let ordered = true;
  for (let position = 0; position < count; position++) {
    readInstant(switches[count - 1 - position]!.timestamp, at, position);
    if (!(position === 0 ? !Number.isNaN(at[0]!) : at[position]! > at[position - 1]!)) ordered = false;
  }
  if (ordered) return new SwitchTimeline(at, switches, null);

  const valid: number[] = [];
  for (let index = 0; index < count; index++) if (!Number.isNaN(at[count - 1 - index]!)) valid.push(index);
  valid.sort((a, b) => at[count - 1 - a]! - at[count - 1 - b]!);
  const sortedAt = new Float64Array(valid.length);
  valid.forEach((index, position) => (sortedAt[position] = at[count - 1 - index]!));
  return new SwitchTimeline(sortedAt, switches, Int32Array.from(valid));
}
