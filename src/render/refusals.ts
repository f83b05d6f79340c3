import type { Refusal, RefusalCode } from '../core/refusal.js';
import type { ChangedSubject, RefusalData } from '../core/refusal-codes.js';
import { quotedInput, safeName } from '../text/markdown.js';
import { statsRangeForms } from './stats-range.js';

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
  'stats.range-unreadable': ({ input, option, zone, zoneFellBack }) =>
    `I couldn't read ${quotedInput(input)} as ${option === 'range' ? 'a range' : 'an end (`until`)'}. ${statsRangeForms(option, zone, zoneFellBack)}`,
  'stats.range-in-future': ({ input, option }) =>
    option === 'range' ? `${quotedInput(input)} is in the future: a range has to start before now.` : `${quotedInput(input)} is in the future: \`until\` has to be now or earlier.`,
  'stats.range-empty': ({ range, until }) =>
    until === null
      ? `${quotedInput(range)} does not start before now, so there is nothing to count.`
      : `${quotedInput(range)} does not start before ${quotedInput(until)} (\`until\`), so there is nothing to count.`,
  'stats.range-too-far': ({ input, years }) => `${quotedInput(input)} reaches back more than ${years} years.`,
};

export function describeRefusal(refusal: Refusal): string {
  const word = WORDING[refusal.code] as (data: unknown) => string;
  return word(refusal.data);
}
