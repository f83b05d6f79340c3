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
};

export function describeRefusal(refusal: Refusal): string {
  const word = WORDING[refusal.code] as (data: unknown) => string;
  return word(refusal.data);
}
