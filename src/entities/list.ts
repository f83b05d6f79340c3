import { UserFacingError } from '../core/user-facing-error.js';
import { hasCode } from '../pluralkit/errors.js';
import type { Group, Member } from '../pluralkit/models.js';
import { formatBirthday, parseTime, discordTimestamp } from '../time/format.js';
import { inlineCode } from '../text/markdown.js';
import { truncate } from '../text/truncate.js';
import { proxyTemplate } from '../input/proxy-template.js';
import { foldForSearch } from '../resolve/search-index.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import type { Entity, EntityKind } from './kinds.js';

/*
 * Lists of members and groups: where they come from (a system, or the other side of a
 * membership), search and sort on our side (PluralKit does neither), and the one extra datum
 * PluralKit's short list shows per line, which follows the sort.
 */

export interface SortSpec<E extends Entity = Entity> {
  /** For the footer: "Sorted by …". */
  label: string;
  /** The value sorted on; null sorts last (not set, or private in this view). */
  key(entity: E): string | number | null;
  descending?: boolean;
  /** The line's extra datum (markdown), or null. */
  datum(entity: E): string | null;
}

const TAGS_SHOWN = 2;
const TAG_SHOWN_MAX = 30;

/** The first two proxy tags in code (cut at 30 characters), and how many more. */
function proxyTagsDatum(member: Member): string | null {
  if (member.proxy_tags.length === 0) return null;
  const shown = member.proxy_tags.slice(0, TAGS_SHOWN).map((tag) => inlineCode(truncate(proxyTemplate(tag), TAG_SHOWN_MAX)));
  const more = member.proxy_tags.length - shown.length;
  return `(${shown.join(', ')}${more > 0 ? `, +${more}` : ''})`;
}

function timeDatum(label: string, text: string | null, style: 'D' | 'R'): string | null {
  const date = parseTime(text);
  return date ? `(${label} ${discordTimestamp(date, style)})` : null;
}

const time = (text: string | null) => parseTime(text)?.getTime() ?? null;
const byName = (entity: Entity) => foldForSearch(entity.name);

/** Month and day: birthdays sort through the year, whatever the (possibly hidden) year. */
const birthdayKey = (member: Member) => (member.birthday ? member.birthday.slice(5) : null);

export const MEMBER_SORTS = {
  name: { label: 'name', key: byName, datum: proxyTagsDatum },
  id: { label: 'ID', key: (member) => member.id, datum: proxyTagsDatum },
  created: { label: 'creation date', key: (member) => time(member.created), datum: (member) => timeDatum('created', member.created, 'D') },
  birthday: { label: 'birthday', key: birthdayKey, datum: (member) => (member.birthday ? `(birthday: ${formatBirthday(member.birthday)})` : null) },
  message_count: {
    label: 'message count',
    key: (member) => member.message_count,
    descending: true,
    datum: (member) => (member.message_count === null ? null : `(${member.message_count} message${member.message_count === 1 ? '' : 's'})`),
  },
  last_message: {
    label: 'last message',
    key: (member) => time(member.last_message_timestamp),
    descending: true,
    datum: (member) => timeDatum('last message', member.last_message_timestamp, 'R'),
  },
} satisfies Record<string, SortSpec<Member>>;

function memberCount(group: Group): string | null {
  // In the public view an empty list may be a private one (PluralKit sends [] for both): no count then.
  if (group.members === undefined || (group.members.length === 0 && group.privacy === null)) return null;
  return `(${group.members.length} member${group.members.length === 1 ? '' : 's'})`;
}

export const GROUP_SORTS = {
  name: { label: 'name', key: byName, datum: memberCount },
  id: { label: 'ID', key: (group) => group.id, datum: memberCount },
  created: { label: 'creation date', key: (group) => time(group.created), datum: (group) => timeDatum('created', group.created, 'D') },
  members: { label: 'member count', key: (group) => group.members?.length ?? null, descending: true, datum: memberCount },
} satisfies Record<string, SortSpec<Group>>;

/** Sort choices as Discord shows them. */
export const MEMBER_SORT_CHOICES = [
  { name: 'name', value: 'name' },
  { name: 'ID', value: 'id' },
  { name: 'creation date', value: 'created' },
  { name: 'birthday', value: 'birthday' },
  { name: 'message count', value: 'message_count' },
  { name: 'last message', value: 'last_message' },
] as const;

export const GROUP_SORT_CHOICES = [
  { name: 'name', value: 'name' },
  { name: 'ID', value: 'id' },
  { name: 'creation date', value: 'created' },
  { name: 'member count', value: 'members' },
] as const;

export function sortsFor(kind: EntityKind): Record<string, SortSpec> {
  return (kind.name === 'member' ? MEMBER_SORTS : GROUP_SORTS) as unknown as Record<string, SortSpec>;
}

/** Entries whose name, display name, pronouns or description contain `query` (case and accents ignored). */
export function searchList<E extends Entity>(entities: readonly E[], query: string | undefined): E[] {
  const needle = query ? foldForSearch(query.trim()) : '';
  if (needle === '') return [...entities];
  return entities.filter((entity) => {
    const texts = [entity.name, entity.display_name, 'pronouns' in entity ? entity.pronouns : null, entity.description];
    return texts.some((text) => text !== null && foldForSearch(text).includes(needle));
  });
}

/** Sorted by the spec, unset values last, ties by name. */
export function sortList<E extends Entity>(entities: readonly E[], spec: SortSpec<E>): E[] {
  const direction = spec.descending ? -1 : 1;
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...entities].sort((a, b) => {
    const [ka, kb] = [spec.key(a), spec.key(b)];
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else {
      const order = compare(ka, kb) * direction;
      if (order !== 0) return order;
    }
    return compare(byName(a), byName(b)) || compare(a.id, b.id);
  });
}

/** Where a list comes from: a system's members or groups, or one entity's related list. */
export interface ListSource {
  from: 'system' | 'related';
  /** A system ref, or the entity whose related list it is. */
  ref: string;
}

/**
 * The entities of a list, as this viewer may see them: the owner view from the caller's cached
 * list (no request when warm) or a related list read with their token; everyone else gets
 * PluralKit's public view, read without a token. A list private to this viewer is refused with
 * `refusal` (which says whose list it is).
 */
export async function loadList(services: Services, listed: EntityKind, source: ListSource, owner: { userId: string; auth: OwnSystemAuth } | null, refusal: string): Promise<Entity[]> {
  try {
    if (source.from === 'system') return owner ? await listed.own(services, owner.userId, owner.auth) : await listed.list(services, source.ref);
    return await listed.related().listRelated(services, source.ref, owner ? { token: owner.auth.token } : {});
  } catch (error) {
    const privateCode = source.from === 'system' ? listed.listPrivateCode : listed.related().relatedPrivateCode;
    if (hasCode(error, privateCode)) throw new UserFacingError(refusal);
    throw error;
  }
}
