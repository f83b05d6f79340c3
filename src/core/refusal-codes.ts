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
  /** A confirmed change found the thing it changes different from what the prompt showed. */
  'prompt.changed-since': { subject: ChangedSubject };
  /** The token key was rotated while this process ran and it cannot follow: the stored token is kept. */
  'token.key-rotated': { action: 'read' | 'store' };
  /** The caller's stored token does not decrypt (damaged); it is kept until they replace or remove it. */
  'token.unreadable': Record<string, never>;
}
