import { Refusal, type RefusalCode } from '../core/refusal.js';
import type { ChangedSubject, FileProblem, FileValueType, RefusalData } from '../core/refusal-codes.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { frontSourceName } from './front-source.js';

type Wording = { [C in RefusalCode]: (data: RefusalData[C]) => string };

function changedSubject(subject: ChangedSubject): string {
  switch (subject.kind) {
    case 'member':
    case 'group':
      return `That ${subject.kind}`;
    case 'named':
      return `**${safeName(subject.name)}**`;
    case 'membership':
      return `The ${subject.of} of **${safeName(subject.name)}**`;
    case 'switch':
      return 'That switch';
    case 'latest-switch':
      return 'Your latest switch';
  }
}

const VALUE_TYPES: Record<FileValueType, string> = {
  text: 'text',
  number: 'a number',
  'whole-number': 'a whole number',
  list: 'a list',
  object: 'an object',
  'true-or-false': 'true or false',
  other: 'something else',
};

function fileProblem(problem: FileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'is missing';
    case 'wrong-type':
      return `should be ${VALUE_TYPES[problem.expected]}`;
    case 'too-many':
      return `has more than ${problem.max.toLocaleString('en-US')} entries, more than an import takes`;
    case 'too-long':
      return `is longer than ${problem.max.toLocaleString('en-US')} characters`;
    case 'invalid':
      return 'is not valid';
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1).replace(/\.0$/, '')} MB`;
}

const NOTHING_IMPORTED = 'Nothing was imported.';

/** The one catalogue of what a refusal says to the user. */
const WORDING: Wording = {
  'autoproxy.member-needed': () => '`mode: member` needs a `member`: the member every message is proxied as.',
  'autoproxy.member-not-allowed': ({ mode }) =>
    `\`member\` only goes with \`mode: member\` or \`mode: latch\`: ${mode === 'off' ? '`off` proxies only messages with proxy tags' : '`front` proxies as whoever is fronting'}.`,
  'autoproxy.not-own-member': ({ ref, lookup }) =>
    lookup && ref !== null
      ? `${describeNested(lookup)}\nIf ${inlineCode(ref)} is another system's member: autoproxy can only proxy as members of your own system.`
      : 'That member is not part of your system: autoproxy can only proxy as your own members.',
  'system.no-server-settings-yet': () =>
    'PluralKit has no settings for your system in this server yet. It creates them the first time your system uses PluralKit here ' +
    '(for example, when you proxy a message in this server); after that you can view and change them here.',
  'prompt.changed-since': ({ subject }) =>
    `${changedSubject(subject)} changed since this prompt was shown, so nothing was done. Run the command again to see the current state.`,
  'import.file-too-large': ({ maxBytes }) => `That file is larger than ${megabytes(maxBytes)}, the most an import takes. ${NOTHING_IMPORTED}`,
  'import.file-empty': () => `That file is empty. ${NOTHING_IMPORTED}`,
  'import.not-text': () => `That file is not text (not UTF-8), so it is not an export file. ${NOTHING_IMPORTED}`,
  'import.not-json': ({ at }) =>
    `That file is not valid JSON (the first error is at line ${at.line}, column ${at.column}). Attach the export file itself, unchanged. ${NOTHING_IMPORTED}`,
  'import.too-deep': ({ maxDepth }) => `That file nests data more than ${maxDepth} levels deep, which no export file does. ${NOTHING_IMPORTED}`,
  'import.unknown-format': ({ keys }) =>
    `That file is not a PluralKit (\`pk;export\`), Simply Plural or Octocon export${keys.length > 0 ? ` (its top-level keys: ${keys.map(inlineCode).join(', ')})` : ''}. ${NOTHING_IMPORTED}`,
  'import.source-mismatch': ({ chosen, detected }) =>
    `That file is an export of ${frontSourceName(detected)}, not of ${frontSourceName(chosen)}. Choose \`source: ${detected}\` or \`auto\`. ${NOTHING_IMPORTED}`,
  'import.invalid-file': ({ source, path, problem }) =>
    `That ${frontSourceName(source)} export can't be read: ${inlineCode(path)} ${fileProblem(problem)}. ${NOTHING_IMPORTED}`,
};

/** A refusal that carries the failure behind it (e.g. why a lookup failed) words that failure first. */
function describeNested(error: Error): string {
  if (error instanceof Refusal) return describeRefusal(error);
  return error.message;
}

export function describeRefusal(refusal: Refusal): string {
  const word = WORDING[refusal.code] as (data: unknown) => string;
  return word(refusal.data);
}
