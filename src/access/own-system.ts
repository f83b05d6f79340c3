import { Refusal, refuse } from '../core/refusal.js';
import { UserFacingError } from '../core/user-facing-error.js';
import type { Group, Member } from '../pluralkit/models.js';
import { normalizeEntityRef } from '../pluralkit/refs.js';
import { resolveEntity, resolveEntityList, type ResolveListResult } from '../resolve/resolve.js';
import { newSuggestionWork, type SuggestionWork } from '../resolve/suggestions.js';
import type { Services } from '../services.js';
import { storedTokenFor } from './stored-token.js';
import type { OwnList, OwnSystemAuth } from '../directory/system-directory.js';

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
 * read again. `fresh` says whether the answer came from a list read during this call.
 */
async function withRefreshOnMiss<L extends OwnList, R extends { ok: boolean }>(
  services: Services,
  list: L,
  userId: string,
  auth: OwnSystemAuth,
  attempt: (entities: Array<Lists[L]>, options: { work: SuggestionWork }) => R,
): Promise<R & { fresh: boolean }> {
  // One "did you mean" budget for both tries, so a miss costs at most one bounded search.
  const options = { work: newSuggestionWork() };
  const wasCached = services.directory.isFresh(list, userId, auth);
  const first = attempt(await listOf(services, list, userId, auth), options);
  if (first.ok || !wasCached) return { ...first, fresh: !wasCached };
  services.directory.forget(list, userId, auth);
  return { ...attempt(await listOf(services, list, userId, auth), options), fresh: true };
}

/** PluralKit answers 30006/30007 for another system's ID; we know it before asking, and say so beside the miss. */
function notOwn(list: OwnList, input: string, message: string): Error {
  const id = normalizeEntityRef(input);
  if (id === null || /Did you mean/.test(message)) return new UserFacingError(message);
  return new Refusal('entity.not-own', { kind: KIND[list], id, miss: message });
}

/** One member or group of the caller's own system, by name, display name, short ID or UUID. */
export async function resolveOwn<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<Lists[L]> {
  const result = await withRefreshOnMiss(services, list, userId, auth, (entities, options) => resolveEntity(input, entities, KIND[list], options));
  if (!result.ok) throw notOwn(list, input, result.message);
  return result.entity;
}

/** A comma-separated list of the caller's own members or groups, in the order given, no repeats. */
export async function resolveOwnList<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<Array<Lists[L]>> {
  const result = await tryResolveOwnList(services, list, userId, auth, input);
  if (!result.ok) throw new UserFacingError(result.message);
  return result.entities;
}

/** `resolveOwnList` that hands back a miss (with the list its closest matches make, if clear) instead of refusing. */
export async function tryResolveOwnList<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth, input: string): Promise<ResolveListResult<Lists[L]>> {
  return withRefreshOnMiss(services, list, userId, auth, (entities, options) => resolveEntityList(input, entities, KIND[list], options));
}

export interface ViewReference<E = Member | Group> {
  /** What to ask PluralKit for: the UUID of an own entity, or the ID as given for another system's. */
  ref: string;
  /** Whether it belongs to the caller's own system (so `private: True` may show the owner view). */
  own: boolean;
  /** The owner view from the caller's own list, for an own entity. */
  entity?: E;
  /** Whether that list was read from PluralKit during this call (so it is as fresh as a new read). */
  fresh?: boolean;
  /** For an ID-shaped input not in the caller's own list: what that miss said (suggestions), should the ID be unknown too; null when there is no own system to look in. */
  ownMiss?: string | null;
}

/**
 * What a read command (`view`) means by `input`: the caller's own member or group by name,
 * display name or ID; otherwise a short ID or UUID of any system's (looked up in its public
 * view). Nothing else is sent to PluralKit.
 */
export async function referenceForView<L extends OwnList>(services: Services, list: L, userId: string, auth: OwnSystemAuth | null, input: string): Promise<ViewReference<Lists[L]>> {
  const direct = normalizeEntityRef(input);
  if (auth) {
    const result = await withRefreshOnMiss(services, list, userId, auth, (entities, options) => resolveEntity(input, entities, KIND[list], options));
    if (result.ok) return { ref: result.entity.uuid, own: true, entity: result.entity, fresh: result.fresh };
    if (direct === null) throw new UserFacingError(result.message);
    return { ref: direct, own: false, ownMiss: result.message };
  }
  if (direct === null) refuse('entity.names-need-own-system', { kind: KIND[list] });
  return { ref: direct, own: false, ownMiss: null };
}

export interface ReadReference<E = Member | Group> extends ViewReference<E> {
  /** The caller's token for the owner view (`private: True` on their own entity); else a public read. */
  token: string | undefined;
}

/**
 * `referenceForView` for a read whose reply may be public: the owner view only for the caller's
 * own entity with `private: True`; asking for another system's private view is refused.
 */
export async function resolveForRead<L extends OwnList>(services: Services, list: L, userId: string, input: string, privateView: boolean): Promise<ReadReference<Lists[L]>> {
  const stored = await storedTokenFor(services, userId);
  const view = await referenceForView(services, list, userId, stored, input);
  if (privateView && !view.own) {
    refuse('read.private-not-yours', { connected: stored !== null, of: list });
  }
  return { ...view, token: privateView ? stored!.token : undefined };
}
