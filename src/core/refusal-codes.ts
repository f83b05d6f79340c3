/*
 * Every refusal code domain code may raise, with the data its wording needs. Add a code here and
 * its wording in src/render/refusals.ts; names are `<area>.<what>`.
 */

/** What a confirmed change re-read and found different from its prompt. */
export type ChangedSubject =
  | { kind: 'member' | 'group' }
  | { kind: 'named'; name: string }
  | { kind: 'membership'; of: 'members' | 'groups'; name: string }
  | { kind: 'switch' | 'latest-switch' };

/** Which `/stats` option a refusal is about. */
export type StatsRangeOption = 'range' | 'until';

export interface RefusalData {
  /** A confirmed change found the thing it changes different from what the prompt showed. */
  'prompt.changed-since': { subject: ChangedSubject };
  /** A /stats `range` or `until` that is none of the accepted forms (read in `zone`). */
  'stats.range-unreadable': { input: string; option: StatsRangeOption; zone: string; zoneFellBack: boolean };
  /** A /stats `range` start or `until` after now. */
  'stats.range-in-future': { input: string; option: StatsRangeOption };
  /** A /stats range that does not start before its end (now, or `until`). */
  'stats.range-empty': { range: string; until: string | null };
  /** A /stats range reaching back further than `years`. */
  'stats.range-too-far': { input: string; years: number };
}
