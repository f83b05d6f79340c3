import type { SystemNaming } from '../access/read-target.js';
import type { FrontSource } from './source.js';

/*
 * The refusals of front history imports. They name the source app, a front-tools type, so they are
 * declared here by augmenting the core catalogue of codes; src/render/refusals.ts words them.
 */

/** What a value in an imported file should have been. */
export type FileValueType = 'text' | 'number' | 'whole-number' | 'list' | 'object' | 'true-or-false' | 'other';

/** What is wrong at one place of an imported file. */
export type FileProblem =
  | { kind: 'missing' }
  | { kind: 'wrong-type'; expected: FileValueType }
  | { kind: 'too-many'; max: number }
  | { kind: 'too-long'; max: number }
  | { kind: 'invalid' };

declare module '../core/refusal-codes.js' {
  interface RefusalData {
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
    /** An export's range holds no switch; `label` is whose history ("your system", "system `abcde`"). */
    'export.no-history': { system: SystemNaming; rangeLabel: string };
    /** The `file` option names no attachment Discord resolved for the interaction. */
    'import.no-attachment': Record<string, never>;
    /** The attachment could not be downloaded from Discord: timed out, unreachable, or not served. */
    'import.download-failed': { reason: 'timeout' | 'unreachable' | 'status'; status: number | null };
    /** The file is an export, but holds no front history at all. */
    'import.no-history': { source: FrontSource; entries: number };
    /** PluralKit's history over the file's span could not be read in time to compare with the file. */
    'import.history-unread': Record<string, never>;
    /** The system already has an import running (one per system at a time). */
    'import.busy': { done: number; total: number };
    /** The preview behind a Confirm was replaced by a newer one, or expired. */
    'import.preview-gone': Record<string, never>;
  }
}
