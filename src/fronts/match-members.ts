import { buildSearchIndex, type NamedEntity, type SearchIndex } from '../resolve/search-index.js';
import type { FileMember } from './front-file.js';

export type MatchedBy = 'id' | 'name' | 'display-name';

export type MemberMatch<T extends NamedEntity = NamedEntity> =
  | { status: 'matched'; file: FileMember; member: T; by: MatchedBy }
  | { status: 'ambiguous'; file: FileMember; candidates: T[] }
  | { status: 'unmatched'; file: FileMember };

/**
 * The PluralKit member a file member is. By PluralKit ID where the file has one (a PluralKit
 * export, or a Simply Plural member linked to PluralKit); else by name, case-insensitive, against
 * PluralKit names and then display names, and the same with the file's display name. A name that
 * fits several members stops there as ambiguous: guessing would put fronts on the wrong member.
 * Names are never taken as IDs (a Simply Plural member called "Robin" is not member `robin`).
 */
function matchOne<T extends NamedEntity>(file: FileMember, index: SearchIndex<T>): MemberMatch<T> {
  const byId = file.pluralkitId === null ? undefined : index.byId.get(file.pluralkitId);
  if (byId) return { status: 'matched', file, member: byId, by: 'id' };
  const names = [file.name, file.displayName].filter((name): name is string => name !== null && name.trim() !== '');
  for (const name of names) {
    const key = name.trim().toLowerCase();
    for (const [list, by] of [
      [index.byName, 'name'],
      [index.byDisplayName, 'display-name'],
    ] as const) {
      const candidates = list.get(key) ?? [];
      if (candidates.length === 1) return { status: 'matched', file, member: candidates[0]!, by };
      if (candidates.length > 1) return { status: 'ambiguous', file, candidates };
    }
  }
  return { status: 'unmatched', file };
}

/** Every file member's match among the user's PluralKit members, by file key. */
export function matchMembers<T extends NamedEntity>(fileMembers: readonly FileMember[], members: readonly T[]): Map<string, MemberMatch<T>> {
  const index = buildSearchIndex(members);
  return new Map(fileMembers.map((file) => [file.key, matchOne(file, index)]));
}
