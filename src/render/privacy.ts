import type { APIEmbed } from 'discord-api-types/v10';
import type { PrivacyLevel } from '../pluralkit/models.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { inlineCode, safeName } from '../text/markdown.js';

/*
 * The privacy overview PluralKit shows for `pk;member <m> privacy` (one field per subject, its
 * level and what it means), for members and groups alike.
 */

/** What each subject covers, as people name it in the `subject` option. */
const SUBJECTS: Record<string, { label: string; covers: string }> = {
  visibility: { label: 'Visibility', covers: 'private: left out of lists (the card still opens by ID)' },
  name: { label: 'Name', covers: 'private: others see the display name instead, if there is one' },
  description: { label: 'Description', covers: 'the description' },
  birthday: { label: 'Birthday', covers: 'the birthday' },
  pronouns: { label: 'Pronouns', covers: 'the pronouns' },
  avatar: { label: 'Avatar', covers: 'the avatar (not when proxying)' },
  icon: { label: 'Icon', covers: 'the icon' },
  banner: { label: 'Banner', covers: 'the banner image' },
  list: { label: 'Member list', covers: 'who is in the group' },
  metadata: { label: 'Metadata', covers: 'creation date, message count, last message' },
  proxy: { label: 'Proxy tags', covers: 'the proxy tags' },
};

export function privacySubjectLabel(subject: string): string {
  return SUBJECTS[subject]?.label ?? subject;
}

function levelText(level: PrivacyLevel | null): string {
  if (level === 'public') return '**Public**: everyone can see it';
  if (level === 'private') return '**Private**: only you (with `private: True`)';
  return '*unknown*';
}

export interface PrivacyOverview {
  /** "member" / "group". */
  noun: string;
  name: string;
  id: string;
  color: string | null;
  levels: ReadonlyArray<{ subject: string; level: PrivacyLevel | null }>;
}

export function renderPrivacyOverview(overview: PrivacyOverview): APIEmbed {
  return fitEmbed({
    title: `Privacy of ${safeName(overview.name)} (${overview.id})`,
    color: embedColor(overview.color),
    fields: overview.levels.map(({ subject, level }) => ({
      name: privacySubjectLabel(subject),
      value: `${levelText(level)}\n-# ${SUBJECTS[subject]?.covers ?? subject}`,
      inline: true,
    })),
    footer: { text: `Change one with /${overview.noun} privacy subject level; subject "all" sets every one.` },
    description: `Subjects: ${overview.levels.map(({ subject }) => inlineCode(subject)).join(' ')}`,
  });
}
