import type { PrivacyLevel, SystemPrivacy } from '../pluralkit/models.js';

/*
 * The nine system privacy subjects (API reference §3.1), in PluralKit's `pk;s privacy` order, as
 * `/system privacy subject:` names them and PluralKit's overview labels them.
 */

export interface PrivacySubject {
  /** The `subject` choice. */
  subject: string;
  key: keyof SystemPrivacy;
  label: string;
  /** What others miss when it is private. */
  hides: string;
}

export const SYSTEM_PRIVACY_SUBJECTS: readonly PrivacySubject[] = [
  { subject: 'name', key: 'name_privacy', label: 'Name', hides: 'your system name' },
  { subject: 'avatar', key: 'avatar_privacy', label: 'Avatar', hides: 'your avatar' },
  { subject: 'description', key: 'description_privacy', label: 'Description', hides: 'your description' },
  { subject: 'banner', key: 'banner_privacy', label: 'Banner', hides: 'your banner' },
  { subject: 'pronouns', key: 'pronoun_privacy', label: 'Pronouns', hides: 'your pronouns' },
  { subject: 'member_list', key: 'member_list_privacy', label: 'Member list', hides: 'your member list and member count' },
  { subject: 'group_list', key: 'group_list_privacy', label: 'Group list', hides: 'your group list and group count' },
  { subject: 'front', key: 'front_privacy', label: 'Current fronter(s)', hides: 'who is fronting' },
  { subject: 'front_history', key: 'front_history_privacy', label: 'Front/switch history', hides: 'your front history and front statistics' },
];

export const ALL_SUBJECTS = 'all';

/** The subjects a `subject` choice means: one, or all nine. */
export function subjectsFor(choice: string): readonly PrivacySubject[] {
  if (choice === ALL_SUBJECTS) return SYSTEM_PRIVACY_SUBJECTS;
  const one = SYSTEM_PRIVACY_SUBJECTS.find((entry) => entry.subject === choice);
  if (!one) throw new Error(`unknown system privacy subject: ${choice}`);
  return [one];
}

/** The PATCH body that sets `subjects` to `level`. */
export function privacyPatch(subjects: readonly PrivacySubject[], level: PrivacyLevel): { privacy: Partial<Record<keyof SystemPrivacy, PrivacyLevel>> } {
  return { privacy: Object.fromEntries(subjects.map((entry) => [entry.key, level])) };
}
