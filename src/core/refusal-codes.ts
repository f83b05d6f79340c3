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

export interface RefusalData {
  /** `/autoproxy set mode:member` without a member. */
  'autoproxy.member-needed': Record<never, never>;
  /** A member given with a mode that takes none. */
  'autoproxy.member-not-allowed': { mode: 'off' | 'front' };
  /** The member to autoproxy as is not one of the caller's own; `lookup` is why the lookup failed, when known. */
  'autoproxy.not-own-member': { ref: string | null; lookup?: Error };
  /** PluralKit keeps no settings for the system in this server yet (20009). */
  'system.no-server-settings-yet': Record<never, never>;
  /** A confirmed change found the thing it changes different from what the prompt showed. */
  'prompt.changed-since': { subject: ChangedSubject };
  /** A write whose answer was lost, checked until it could no longer appear: it never did. */
  'write.not-saved': { minutes: number };
  /** A write whose answer was lost and which PluralKit could not be asked about. */
  'write.outcome-unknown': { checkWith: string };
  /** A write still unconfirmed when its reply can no longer be edited: the outcome follows by DM. */
  'write.outcome-by-dm': { checkWith: string };
}
