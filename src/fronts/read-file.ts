import { isUtf8 } from 'node:buffer';
import { refuse } from '../core/refusal.js';
import { truncate } from '../text/truncate.js';
import { FileParts } from './file-parts.js';
import type { FrontFile } from './front-file.js';
import { scanJson, type JsonSpan } from './json-scan.js';
import { IMPORT_LIMITS, type ImportLimits } from './limits.js';
import { octoconReader } from './readers/octocon.js';
import { pluralKitReader } from './readers/pluralkit.js';
import type { FrontFileReader } from './readers/reader.js';
import { simplyPluralReader } from './readers/simply-plural.js';
import type { FrontSource, FrontSourceChoice } from './source.js';

const READERS: Record<FrontSource, FrontFileReader> = {
  pluralkit: pluralKitReader,
  simplyplural: simplyPluralReader,
  octocon: octoconReader,
};

/** Top-level keys an "unknown format" refusal shows, and how much of each. */
const KEYS_SHOWN = 5;
const KEY_LENGTH_SHOWN = 40;

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/** The file's bytes: at most `maxBytes`, UTF-8, not blank; `start` skips a byte order mark. */
function checkedBytes(input: Uint8Array | string, maxBytes: number): { bytes: Uint8Array; start: number } {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) refuse('import.file-too-large', { bytes: size, maxBytes });
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  if (!isUtf8(bytes)) refuse('import.not-text', {});
  const start = BYTE_ORDER_MARK.every((byte, i) => bytes[i] === byte) ? BYTE_ORDER_MARK.length : 0;
  if (bytes.subarray(start).every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) refuse('import.file-empty', {});
  return { bytes, start };
}

/** Which apps' exports have these top-level keys. */
export function detectFrontSources(keys: ReadonlySet<string>): FrontSource[] {
  return Object.values(READERS)
    .filter((reader) => reader.recognises(keys))
    .map((reader) => reader.source);
}

/**
 * Reads an export file of PluralKit, Simply Plural or Octocon (`auto`: whichever it is) into its
 * members and front history. Anything else — too big, not text, not JSON, nested absurdly deep,
 * no known export, or an export that breaks its own format — is refused with one `import.*` code
 * before anything is done with it.
 */
export function readFrontFile(input: Uint8Array | string, choice: FrontSourceChoice, limits: Readonly<ImportLimits> = IMPORT_LIMITS): FrontFile {
  const { bytes, start } = checkedBytes(input, limits.maxBytes);
  const top = scanJson(bytes, start, bytes.length, { maxDepth: limits.maxDepth, maxChildren: limits.maxTopLevelKeys });
  // As JSON.parse does, a key given twice means its last value.
  const parts = new Map<string, JsonSpan>(top.kind === 'object' ? top.children.map((part) => [part.key!, part]) : []);
  const keys = new Set(parts.keys());
  const detected = detectFrontSources(keys);
  const unknown = (): never => refuse('import.unknown-format', { keys: [...keys].slice(0, KEYS_SHOWN).map((key) => truncate(key, KEY_LENGTH_SHOWN)) });

  let source: FrontSource;
  if (choice === 'auto') {
    if (detected.length !== 1) unknown();
    source = detected[0]!;
  } else {
    if (!READERS[choice].recognises(keys)) return detected.length === 1 ? refuse('import.source-mismatch', { chosen: choice, detected: detected[0]! }) : unknown();
    source = choice;
  }
  return READERS[source].read(new FileParts(bytes, parts, source, limits));
}
