import type { APIEmbed } from 'discord-api-types/v10';
import type { SystemPrivacy } from '../pluralkit/models.js';
import type { PrivacySubject } from '../system/privacy-subjects.js';
import type { ChangeRow } from '../core/change-row.js';
import { embedColor } from './format.js';

const PRIVATE = '**Private** (only visible to you)';
const PUBLIC = '**Public** (visible to everyone)';

/** PluralKit's privacy overview: one field per subject (a missing level counts as private, the safe reading). */
export function renderSystemPrivacy(privacy: SystemPrivacy | null, subjects: readonly PrivacySubject[], color: string | null): APIEmbed {
  return {
    title: subjects.length === 1 ? 'Privacy of your system' : 'Current privacy settings for your system',
    color: embedColor(color),
    description: 'Change with `/system privacy subject: level:`; `subject: All of them` sets every one.',
    fields: subjects.map((entry) => ({ name: entry.label, value: privacy?.[entry.key] === 'public' ? PUBLIC : PRIVATE, inline: true })),
  };
}

/** Before → after rows of a privacy change. */
export function privacyRows(subjects: readonly PrivacySubject[], before: SystemPrivacy | null, after: SystemPrivacy | null): ChangeRow[] {
  return subjects.map((entry) => ({ label: entry.label, before: before?.[entry.key] ?? null, after: after?.[entry.key] ?? null }));
}

/** What others stop seeing when subjects become private. */
export function privacyEffect(subjects: readonly PrivacySubject[], level: 'public' | 'private'): string {
  const what = subjects.map((entry) => entry.hides).join(', ');
  return level === 'private' ? `📝 Others no longer see ${what}; \`private: True\` replies still show them to you.` : `📝 Everyone can now see ${what}.`;
}
