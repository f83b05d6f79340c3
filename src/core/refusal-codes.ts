import type { FrontSource } from '../fronts/source.js';

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

/** What a value in an imported file should have been. */
export type FileValueType = 'text' | 'number' | 'whole-number' | 'list' | 'object' | 'true-or-false' | 'other';

/** What is wrong at one place of an imported file. */
export type FileProblem =
  | { kind: 'missing' }
  | { kind: 'wrong-type'; expected: FileValueType }
  | { kind: 'too-many'; max: number }
  | { kind: 'too-long'; max: number }
  | { kind: 'invalid' };

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
  /** An imported file is bigger than imports take. */
  'import.file-too-large': { bytes: number; maxBytes: number };
  /** An imported file holds nothing but whitespace. */
  'import.file-empty': Record<string, never>;
  /** An imported file is not UTF-8 text. */
  'import.not-text': Record<string, never>;
  /** An imported file is not JSON; `at` is its first error. */
  'import.not-json': { at: { line: number; column: number } };
  /** An imported file nests deeper than any export does. */
  'import.too-deep': { maxDepth: number };
  /** An imported file is JSON but no known export; `keys` are a few of its top-level keys (none when it is not an object). */
  'import.unknown-format': { keys: string[] };
  /** The user chose one app, and the file is another's export. */
  'import.source-mismatch': { chosen: FrontSource; detected: FrontSource };
  /** An export of a known app breaks its own format at `path` (e.g. `frontHistory[12].startTime`). */
  'import.invalid-file': { source: FrontSource; path: string; problem: FileProblem };
}
