import type { Refusal, RefusalCode } from '../core/refusal.js';
import type { ChangedSubject, RefusalData } from '../core/refusal-codes.js';
import { safeName } from '../text/markdown.js';

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
  'prompt.changed-since': ({ subject }) =>
    `${changedSubject(subject)} changed since this prompt was shown, so nothing was done. Run the command again to see the current state.`,
  'token.key-rotated': ({ action }) =>
    action === 'read'
      ? "Switchboard's token key was changed while it was running, so it cannot read your stored token until it is restarted. Your token is kept: please try again later."
      : "Switchboard's token key was changed while it was running, so it cannot store tokens until it is restarted. Nothing was saved: please try again later.",
  'token.unreadable': () =>
    'Your stored PluralKit token cannot be decrypted any more (it is damaged), so it was not used. It stays stored until you replace it with `/token set` or forget it with `/token remove`.',
};

export function describeRefusal(refusal: Refusal): string {
  const word = WORDING[refusal.code] as (data: unknown) => string;
  return word(refusal.data);
}
