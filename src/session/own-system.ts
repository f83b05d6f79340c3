import { UserFacingError } from '../core/user-facing-error.js';
import type { Group, Member } from '../pluralkit/models.js';
import { resolveEntity, resolveEntityList } from '../resolve/resolve.js';
import type { Services } from '../services.js';
import type { OwnList, OwnSystemAuth } from './system-directory.js';

interface Lists {
  members: Member;
  groups: Group;
}

const KIND = { members: 'member', groups: 'group' } as const;

async function listOf<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth): Promise<Array<Lists[L]>> {
  return (list === 'members' ? services.directory.ownMembers(userId, auth) : services.directory.ownGroups(userId, auth)) as Promise<Array<Lists[L]>>;
}

/**
 * Resolves against the caller's own list. A miss on a list that came from the cache is tried once
 * more against a fresh read (it may predate a member made with `pk;`); a list read just now is not
 * read again.
 */
async function withRefreshOnMiss<L extends OwnList, R extends { ok: boolean }>(
  services: Services,
  list: L,
  userId: string,
  auth: OwnSystemAuth,
  attempt: (entities: Array<Lists[L]>) => R,
): Promise<R> {
  const wasCached = services.directory.peek(list as 'members', userId, auth) !== undefined;
  const first = attempt(await listOf(services, list, userId, auth));
  if (first.ok || !wasCached) return first;
  services.directory.forget(list, userId, auth);
  return attempt(await listOf(services, list, userId, auth));
}

/** One member or group of the caller's own system, by name, display name, short ID or UUID. */
export async function resolveOwn<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<Lists[L]> {
  const result = await withRefreshOnMiss(services, list, userId, auth, (entities) => resolveEntity(input, entities, KIND[list]));
  if (!result.ok) throw new UserFacingError(result.message);
  return result.entity;
}

/** A comma-separated list of the caller's own members or groups, in the order given, no repeats. */
export async function resolveOwnList<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<Array<Lists[L]>> {
  const result = await withRefreshOnMiss(services, list, userId, auth, (entities) => resolveEntityList(input, entities, KIND[list]));
  if (!result.ok) throw new UserFacingError(result.message);
  return result.entities;
}
