import { Refusal, type RefusalCode } from '../core/refusal.js';
import type { ChangedSubject, RefusalData } from '../core/refusal-codes.js';
import { inlineCode, safeName } from '../text/markdown.js';

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
  'write.not-saved': ({ minutes }) =>
    `PluralKit did not confirm the change, and it is not there now, ${minutes} minutes after it was sent: nothing was changed. You can try again.`,
  'write.outcome-unknown': ({ checkWith }) =>
    `PluralKit did not confirm the change and could not be asked about it, so it is not known whether the change was saved. Check ${checkWith} before trying again.`,
  'write.outcome-by-dm': ({ checkWith }) =>
    `PluralKit has still not confirmed the change, and this message can no longer be updated. Switchboard keeps checking and will send you a DM with the outcome; if you do not get one, check ${checkWith} before trying again.`,
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
