import type { PrivacyLevel } from '../pluralkit/models.js';
import type { ChangeRow } from '../core/change-row.js';
import type { Body, Entity, EntityKind } from './kinds.js';

/*
 * Member and group privacy: one subject (or `all`) set to public or private in one PATCH, and the
 * before → after of each subject that was sent.
 */

export const ALL_SUBJECTS = 'all';
export const PRIVACY_LEVELS = ['public', 'private'] as const;

/** The PATCH body setting `subject` (or every subject) to `level`. */
export function privacyBody(kind: EntityKind, subject: string, level: PrivacyLevel): Body {
  const keys = subject === ALL_SUBJECTS ? Object.values(kind.privacySubjects) : [kind.privacySubjects[subject]];
  if (keys.some((key) => key === undefined)) throw new Error(`${subject} is not a ${kind.name} privacy subject`);
  return { privacy: Object.fromEntries(keys.map((key) => [key, level])) };
}

/** Each subject's level in an owner view (null when the view carries no privacy). */
export function privacyLevels(kind: EntityKind, entity: Entity): Array<{ subject: string; level: PrivacyLevel | null }> {
  const privacy = entity.privacy as Record<string, PrivacyLevel> | null;
  return Object.entries(kind.privacySubjects).map(([subject, key]) => ({ subject, level: privacy?.[key] ?? null }));
}

/** Before → after rows for the subjects a privacy body set. */
export function privacyChangeRows(kind: EntityKind, body: Body, before: Entity, after: Entity, label: (subject: string) => string): ChangeRow[] {
  const sent = new Set(Object.keys((body.privacy ?? {}) as object));
  const now = new Map(privacyLevels(kind, after).map((row) => [row.subject, row.level]));
  return privacyLevels(kind, before)
    .filter((row) => sent.has(kind.privacySubjects[row.subject]!))
    .map((row) => ({ label: label(row.subject), before: row.level, after: now.get(row.subject) ?? null }));
}
