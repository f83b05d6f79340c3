import { Refusal, type RefusalCode } from '../core/refusal.js';
import type { ChangedSubject, RefusalData, SwitchMembersData } from '../core/refusal-codes.js';
import type { FileProblem, FileValueType } from '../fronts/refusals.js';
import { discordTimestamp } from '../time/format.js';
import { inlineCode, quotedInput, safeName } from '../text/markdown.js';
import { renderUnreadableAt } from './at-time.js';
import { frontSourceName } from './front-source.js';
import { messageNotFoundText, renderUnreadableMessageReference } from './message-info.js';
import { LOG_REFUSAL_WORDING } from './front-log.js';
import '../front-log/refusals.js';
import { PAGE_UNAVAILABLE_TEXT } from './flows.js';
import { statsRangeForms } from './stats-range.js';
import { systemHeadingName } from './system.js';

type Wording = { [C in RefusalCode]: (data: RefusalData[C]) => string };

/** `<t:…:f>, <t:…:R>`: a time every reader sees in their own zone. */
function whenRefused(date: Date): string {
  return `${discordTimestamp(date, 'f')}, ${discordTimestamp(date, 'R')}`;
}

/** A refused early time as plain UTC text: Discord cannot draw timestamps from year 1. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function switchMember(data: SwitchMembersData): (id: string) => string {
  return (id) => (data.names ? `**${safeName(data.names[id] ?? id)}**` : inlineCode(id));
}

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
    case 'system':
      return 'Your system';
    case 'front-history':
      return 'Your front history over the span of this import';
    case 'server-settings':
      return 'Your settings in this server';
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

function namesNeedOwnSystem(kind: 'member' | 'group'): string {
  return `Names are looked up in your own system, and Switchboard does not know it yet: run \`/token set\`, or give the ${kind}'s 5–6 letter ID (or UUID) to look up any system's.`;
}

/** `a`, `b` or `c`, each as code. */
function listedOptions(options: readonly string[]): string {
  const quoted = options.map((option) => `\`${option}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1).replace(/\.0$/, '')} MB`;
}

const NOTHING_IMPORTED = 'Nothing was imported.';

/** The one catalogue of what a refusal says to the user. */
const WORDING: Wording = {
  ...LOG_REFUSAL_WORDING,
  'history.page-unavailable': () => PAGE_UNAVAILABLE_TEXT,
  'switch.none-yet': () => 'Your system has no switches yet. Register one with `/switch new`.',
  'switch.deleted-since': () => 'That switch was deleted since this prompt was shown, so nothing was done.',
  'read.private-not-yours': ({ connected, of }) =>
    connected
      ? `\`private: True\` only works for your own ${of ?? 'system'}: you can't see another system's private information. Add \`only_me: True\` to see what it shows everyone, only to you.`
      : '`private: True` shows your own private data; run `/token set` first to connect your system. `only_me: True` shows your public data only to you without it.',
  'read.user-and-system': () => 'Give either `user` or `system`, not both.',
  'read.not-a-system-id': ({ input }) =>
    `${inlineCode(input.slice(0, 40))} is not a system ID. Use a 5–6 letter ID like \`abcdef\` (or \`abc-def\`), a UUID, or the \`user\` option.`,
  'entity.names-need-own-system': ({ kind }) => namesNeedOwnSystem(kind),
  'entity.not-own': ({ kind, id, miss }) =>
    `${miss} If ${inlineCode(id)} is another system's ${kind}: you can only change your own ${kind}s (look theirs up with \`/${kind} view\`).`,
  'system.not-linked': () =>
    'PluralKit has no system linked to your Discord account, so there is nothing of yours to show. Run `/token set` to connect your system (or `pk;link` your account to it), or pass `user` or `system` to look up someone else.',
  'token.needed': ({ purpose }) =>
    purpose === 'change'
      ? 'This changes your system, so it needs your PluralKit token. Run `/token set` (the bot asks for it in DMs), then try again.'
      : 'Your private view needs your PluralKit token, and none is stored. Run `/token set`, then try again.',
  'edit.value-and-clear': ({ option }) => `Give \`${option}\` a value or clear it, not both.`,
  'switch.repeated-members': (data) =>
    `A switch can't list the same member twice: ${data.memberIds.map(switchMember(data)).join(', ')} ${data.memberIds.length === 1 ? 'is' : 'are'} listed more than once.`,
  'switch.too-many-members': ({ count, max }) => `A switch can have at most ${max} members; you gave ${count}.`,
  'switch.already-in-front': (data) =>
    `${data.memberIds.map(switchMember(data)).join(', ')} ${data.memberIds.length === 1 ? 'is' : 'are'} fronting already, so nothing was changed. \`/switch remove\` takes members out.`,
  'switch.not-in-front': (data) =>
    `${data.memberIds.map(switchMember(data)).join(', ')} ${data.memberIds.length === 1 ? 'is' : 'are'} not fronting, so nothing was changed. See who is with \`/fronters\`; \`/switch add\` brings members in.`,
  'switch.already-fronting': (data) => {
    if (data.memberIds.length === 0) return 'Nobody is fronting already: your latest switch is a switch-out.';
    if (data.memberIds.length === 1) return `${switchMember(data)(data.memberIds[0]!)} is already fronting.`;
    return 'Those members are already fronting, in that order. (A different order counts as a new switch.)';
  },
  'switch.time-unusable': () => "That isn't a time I can use.",
  'switch.time-in-future': ({ at }) => `That time (${whenRefused(at)}) is in the future; switches can only be logged for now or the past.`,
  'switch.before-system-created': ({ at, created }) =>
    `That time (${utcText(at)}) is before your system was created; the earliest time a switch can have is ${whenRefused(created)}.`,
  'switch.before-pluralkit': ({ at, earliest }) =>
    `That time (${utcText(at)}) is before PluralKit existed; the earliest time a switch can have is ${whenRefused(earliest)}. Check the year.`,
  'switch.not-after-previous': ({ at, previous }) =>
    `That is ${at.getTime() === previous.getTime() ? 'the same time as' : 'before'} your previous switch (${whenRefused(previous)}); a switch can't be moved to or past the one before it.`,
  'switch.time-taken': ({ latest }) => `There is already a switch at exactly that time (${whenRefused(latest)}); PluralKit keeps one switch per moment.`,
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
  'export.no-history': ({ system, rangeLabel }) => `There is no front history of ${systemHeadingName(system)} in this range (${rangeLabel}), so there is nothing to export.`,
  'import.no-attachment': () => `Attach the export file to the \`file\` option. ${NOTHING_IMPORTED}`,
  'import.download-failed': ({ reason, status }) =>
    `The file could not be downloaded from Discord (${reason === 'timeout' ? 'it took too long' : reason === 'status' ? `Discord answered ${status}` : 'Discord could not be reached'}). Try again in a moment. ${NOTHING_IMPORTED}`,
  'import.no-history': ({ source, entries }) =>
    `That ${frontSourceName(source)} export holds no front history${entries > 0 ? ` that can be used (${entries.toLocaleString('en')} entries, none usable)` : ''}. ${NOTHING_IMPORTED}`,
  'import.history-unread': () => `Your front history in PluralKit could not be read in time to compare it with the file. Try again in a few minutes. ${NOTHING_IMPORTED}`,
  'import.busy': ({ done, total }) =>
    `Your system already has an import running (${done.toLocaleString('en')} of ${total.toLocaleString('en')} switches done): one import at a time. See \`/import status\`, and try again when it has finished.`,
  'import.preview-gone': () => `This preview was replaced by a newer one or has expired. Run \`/import fronts\` again. ${NOTHING_IMPORTED}`,
  'stats.range-unreadable': ({ input, option, zone, zoneFellBack }) =>
    `I couldn't read ${quotedInput(input)} as ${option === 'range' ? 'a range' : 'an end (`until`)'}. ${statsRangeForms(option, zone, zoneFellBack)}`,
  'stats.range-in-future': ({ input, option }) =>
    option === 'range' ? `${quotedInput(input)} is in the future: a range has to start before now.` : `${quotedInput(input)} is in the future: \`until\` has to be now or earlier.`,
  'stats.range-empty': ({ range, until }) =>
    until === null
      ? `${quotedInput(range)} does not start before now, so there is nothing to count.`
      : `${quotedInput(range)} does not start before ${quotedInput(until)} (\`until\`), so there is nothing to count.`,
  'stats.range-too-far': ({ input, years }) => `${quotedInput(input)} reaches back more than ${years} years.`,
  'write.not-saved': ({ minutes }) =>
    `PluralKit did not confirm the change, and it is not there now, ${minutes} minutes after it was sent: nothing was changed. You can try again.`,
  'write.outcome-unknown': ({ checkWith }) =>
    `PluralKit did not confirm the change and could not be asked about it, so it is not known whether the change was saved. Check ${checkWith} before trying again.`,
  'write.outcome-by-dm': ({ checkWith }) =>
    `PluralKit has still not confirmed the change, and this message can no longer be updated. Switchboard keeps checking and will send you a DM with the outcome; if you do not get one, check ${checkWith} before trying again.`,
  'token.key-rotated': ({ action }) =>
    action === 'read'
      ? "Switchboard's token key was changed while it was running, so it cannot read your stored token until it is restarted. Your token is kept: please try again later."
      : "Switchboard's token key was changed while it was running, so it cannot store tokens until it is restarted. Nothing was saved: please try again later.",
  'at.unreadable': renderUnreadableAt,
  'list.page-gone': ({ usage }) => `That page is gone: the list is shorter now. Run \`${usage}\` again.`,
  'privacy.subject-needed': ({ level, every }) => `Choose a \`subject\` to make ${level}: one of them, or \`${every}\` for every subject.`,
  'edit.nothing-given': ({ options, viewWith }) =>
    `Give at least one of ${listedOptions(options)}.${viewWith ? ` \`${viewWith}\` shows the current ones.` : ''}`,
  'proxy.replace-and-change': () => 'Use `proxy` (replaces every tag) or `add_proxy`/`remove_proxy` (changes one), not both.',
  'stats.nothing-in-range': ({ range, drawing }) => `There is no front history in this range (${range}) to ${drawing === 'chart' ? 'chart' : 'draw'}.`,
  'form.field-missing': ({ command, field }) => `That form came back without its ${field} field. Run \`${command}\` again.`,
  'message.unreadable-reference': renderUnreadableMessageReference,
  'message.not-found': ({ sent }) => messageNotFoundText(sent, new Date()),
  'token.not-a-token': () =>
    "That doesn't look like a PluralKit token. Send `pk;token` to PluralKit in a DM and copy the long string it sends back (about 64 letters, digits and symbols).",
  'token.not-checked': (data) => {
    switch (data.reason) {
      case 'rejected':
        return 'PluralKit did not accept that token. Make sure you copied all of it; if you reset it with `pk;token refresh`, use the new one. Nothing was saved.';
      case 'rate-limited':
        return `PluralKit is rate-limiting requests right now, so the token could not be checked and was not saved. Please try again in ${data.retryAfterSeconds} s.`;
      case 'timeout':
        return 'PluralKit did not answer in time, so the token could not be checked and was not saved. Please try again in a moment.';
      case 'unreachable':
        return 'PluralKit could not be reached to check the token, so it was not saved. Please try again in a moment.';
      case 'unknown':
        return 'The token could not be checked, so it was not saved. Please try again.';
    }
  },
  'stats.owner-token-gone': () => 'Your PluralKit token for this system is no longer stored, so its private stats cannot be shown. Run `/token set`.',
  'stats.group-by-id-only': () => "Another system's groups are given by their 5–6 letter ID (or UUID), not by name.",
  'stats.group-of-another-system': () => 'That group belongs to another system.',
  'entity.unknown-anywhere': ({ kind, ref, ownMiss }) => `${ownMiss ?? namesNeedOwnSystem(kind)} No ${kind} anywhere has the ID ${inlineCode(ref)} either.`,
  'entity.limit-reached': ({ kind, limit }) => {
    const count = limit === undefined ? `its ${kind} limit` : `its limit of ${limit} ${limit === 1 ? kind : `${kind}s`}`;
    return `Your system has reached ${count} on PluralKit, so no ${kind} was created. Delete one first, or ask PluralKit's staff about a higher limit.`;
  },
  'entity.deleted-since': ({ kind }) => `That ${kind} was deleted since this prompt was shown, so nothing was done.`,
  'member.no-server-settings-yet': ({ name }) => {
    const bold = `**${safeName(name)}**`;
    return `PluralKit has no settings for ${bold} in this server yet: it creates them the first time ${bold} is used here. Send one proxied message as them in this server, then try again.`;
  },
  'proxy.no-such-tag': ({ tag, current }) =>
    `\`remove_proxy\`: the member has no tag ${inlineCode(tag)} (${current.length === 0 ? 'it has none' : `its tags are ${current.map(inlineCode).join(', ')}`}).`,
  'proxy.tag-exists': ({ tag }) => `\`add_proxy\`: the member already has the tag ${inlineCode(tag)}.`,
  'proxy.too-many-tags': ({ count, max }) => `\`add_proxy\`: the member has ${count} tags, PluralKit's limit (${max}). Remove one first.`,
  'token.unreadable': () =>
    'Your stored PluralKit token cannot be decrypted any more (it is damaged), so it was not used. It stays stored until you replace it with `/token set` or forget it with `/token remove`.',
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
