import { UserFacingError } from '../core/user-facing-error.js';
import type { Group, Member } from '../pluralkit/models.js';
import { normalizeEntityRef } from '../pluralkit/refs.js';
import { resolveEntity, resolveEntityList } from '../resolve/resolve.js';
import { newSuggestionWork, type SuggestionWork } from '../resolve/suggestions.js';
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
  attempt: (entities: Array<Lists[L]>, options: { work: SuggestionWork }) => R,
): Promise<R> {
  // One "did you mean" budget for both tries, so a miss costs at most one bounded search.
  const options = { work: newSuggestionWork() };
  const wasCached = services.directory.peek(list as 'members', userId, auth) !== undefined;
  const first = attempt(await listOf(services, list, userId, auth), options);
  if (first.ok || !wasCached) return first;
  services.directory.forget(list, userId, auth);
  return attempt(await listOf(services, list, userId, auth), options);
}

/** One member or group of the caller's own system, by name, display name, short ID or UUID. */
export async function resolveOwn<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<Lists[L]> {
  const result = await withRefreshOnMiss(services, list, userId, auth, (entities, options) => resolveEntity(input, entities, KIND[list], options));
  if (!result.ok) throw new UserFacingError(result.message);
  return result.entity;
}

/** A comma-separated list of the caller's own members or groups, in the order given, no repeats. */
export async function resolveOwnList<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<Array<Lists[L]>> {
  const result = await withRefreshOnMiss(services, list, userId, auth, (entities, options) => resolveEntityList(input, entities, KIND[list], options));
  if (!result.ok) throw new UserFacingError(result.message);
  return result.entities;
}

export interface ViewReference {
  /** What to ask PluralKit for: the UUID of an own entity, or the ID as given for another system's. */
  ref: string;
  /** Whether it belongs to the caller's own system (so `private: True` may show the owner view). */
  own: boolean;
}

/**
 * What a read command (`view`) means by `input`: the caller's own member or group by name,
 * display name or ID; otherwise a short ID or UUID of any system's (looked up in its public
 * view). Nothing else is sent to PluralKit.
 */
export async function referenceForView(services: Services, list: OwnList, userId: string, auth: OwnSystemAuth | null, input: string): Promise<ViewReference> {
  const direct = normalizeEntityRef(input);
  if (auth) {
    const result = await withRefreshOnMiss(services, list, userId, auth, (entities, options) => resolveEntity(input, entities, KIND[list], options));
    if (result.ok) return { ref: result.entity.uuid, own: true };
    if (direct === null) throw new UserFacingError(result.message);
    return { ref: direct, own: false };
  }
  if (direct === null) {
    throw new UserFacingError(
      `Names are looked up in your own system, and Switchboard does not know it yet: run \`/token set\`, or give the ${KIND[list]}'s 5–6 letter ID (or UUID) to look up any system's.`,
    );
  }
  return { ref: direct, own: false };
}
