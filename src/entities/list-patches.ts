import type { OwnList, OwnSystemAuth } from '../directory/system-directory.js';
import type { Group } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { WriteResult } from '../writes/writes.js';
import type { Entity, MembershipOp } from './kinds.js';

/*
 * How the caller's cached lists change with the answer of their own write, so the next command
 * needs no reload: the entity PluralKit returned replaces, joins or leaves the list, and a
 * membership change rewrites the member UUIDs the cached groups carry (`with_members`). Lists
 * are never changed in place (a list may be shared, frozen, with a caller still reading it); a
 * list that cannot be patched for sure gives null, which drops it.
 */

/** Groups as cached: each with the UUIDs of its members, which a group's own GET or PATCH leaves out. */
function keepMembers<E extends Entity>(old: E, now: E): E {
  if (!('members' in old) || old.members === undefined || ('members' in now && now.members !== undefined)) return now;
  return { ...now, members: old.members };
}

/** The list with `entity` in place of the one with its UUID; null when it is not there (the list predates it: read it again). */
export function withReplaced<E extends Entity>(list: readonly E[], entity: E): E[] | null {
  const at = list.findIndex((old) => old.uuid === entity.uuid);
  if (at < 0) return null;
  const next = [...list];
  next[at] = keepMembers(list[at]!, entity);
  return next;
}

/** The list with a newly created entity at its end (a new group has no members yet). */
export function withCreated<E extends Entity>(list: readonly E[], entity: E, kind: 'members' | 'groups'): E[] {
  const made = kind === 'groups' && !('members' in entity && entity.members !== undefined) ? { ...entity, members: [] } : entity;
  return [...list.filter((old) => old.uuid !== entity.uuid), made];
}

/** The list without the entity with this UUID. */
export function withDeleted<E extends Entity>(list: readonly E[], uuid: string): E[] {
  return list.filter((entity) => entity.uuid !== uuid);
}

/** A membership write as sent: whose related list changed (a member's groups, a group's members), how, and by which UUIDs. */
export interface MembershipChange {
  side: 'members' | 'groups';
  uuid: string;
  op: MembershipOp;
  changed: readonly string[];
}

/** `members` after the write: the UUIDs it added or removed, or exactly the ones it set. */
function applied(members: readonly string[], op: MembershipOp, changed: ReadonlySet<string>): string[] {
  if (op === 'overwrite') return [...changed];
  if (op === 'remove') return members.filter((uuid) => !changed.has(uuid));
  return [...members, ...[...changed].filter((uuid) => !members.includes(uuid))];
}

/**
 * Cached groups after a membership write, applied as it was sent (not from the list the
 * command saw before, which may predate a change made with `pk;`). Null when a group it
 * touches carries no member UUIDs, or a group whose members were set is not in the list.
 */
export function withMembership(groups: readonly Group[], change: MembershipChange): Group[] | null {
  const changed = new Set(change.changed);
  if (change.side === 'groups') {
    const at = groups.findIndex((group) => group.uuid === change.uuid);
    const members = groups[at]?.members;
    if (members === undefined) return null;
    const next = [...groups];
    next[at] = { ...groups[at]!, members: applied(members, change.op, changed) };
    return next;
  }
  const next: Group[] = [];
  for (const group of groups) {
    const touched = change.op === 'overwrite' || changed.has(group.uuid);
    if (!touched) {
      next.push(group);
      continue;
    }
    if (group.members === undefined) return null;
    // From the member's side, each touched group gains or loses this one member.
    const joins = change.op === 'add' || (change.op === 'overwrite' && changed.has(group.uuid));
    if (group.members.includes(change.uuid) === joins) next.push(group);
    else next.push({ ...group, members: joins ? [...group.members, change.uuid] : group.members.filter((uuid) => uuid !== change.uuid) });
  }
  return next;
}

/**
 * Runs one of the caller's own writes: its answer (or read-back) patches their cached lists
 * through `patch` (every other user's lists are dropped, on every instance); a write that gave no
 * answer (refused, failed, or still being checked) drops `unsure` for everyone, the writer too,
 * since the lists may have changed in ways we cannot tell.
 */
export async function patchingOwnLists<T>(
  services: Services,
  userId: string,
  auth: OwnSystemAuth,
  unsure: OwnList | 'all',
  write: () => Promise<WriteResult<T>>,
  patch: (value: T) => Promise<unknown>,
): Promise<WriteResult<T>> {
  let result: WriteResult<T>;
  try {
    result = await write();
  } catch (error) {
    await services.directory.changed(unsure, userId, auth);
    throw error;
  }
  await patch(result.value);
  return result;
}
