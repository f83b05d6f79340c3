import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import type { WriteResult } from '../writes/writes.js';
import type { Entity, EntityKind, MembershipOp } from './kinds.js';
import { patchingOwnLists, withMembership } from './list-patches.js';

/*
 * Group membership from either side: a member's groups or a group's members. The same three
 * operations (add, remove, overwrite) on the same two lists, so one implementation serves both.
 */

/** What membership needs of an entity: its UUID to send, its ID and name to show. */
export type EntityRef = Pick<Entity, 'uuid' | 'id' | 'name'>;

/** Identifies a membership list's exact content, so a confirmation can tell whether it changed. */
export function membershipFingerprint(entities: readonly Pick<Entity, 'uuid'>[]): string {
  return entities
    .map((entity) => entity.uuid)
    .sort()
    .join(',');
}

/** What the list should hold after the operation, in a stable order (the old order, then the new). */
export function expectedAfter(op: MembershipOp, before: readonly EntityRef[], changed: readonly EntityRef[]): EntityRef[] {
  const changedIds = new Set(changed.map((entity) => entity.uuid));
  if (op === 'overwrite') return [...changed];
  if (op === 'remove') return before.filter((entity) => !changedIds.has(entity.uuid));
  const beforeIds = new Set(before.map((entity) => entity.uuid));
  return [...before, ...changed.filter((entity) => !beforeIds.has(entity.uuid))];
}

function holds(op: MembershipOp, now: readonly EntityRef[], changed: readonly EntityRef[]): boolean {
  const present = new Set(now.map((entity) => entity.uuid));
  if (op === 'add') return changed.every((entity) => present.has(entity.uuid));
  if (op === 'remove') return changed.every((entity) => !present.has(entity.uuid));
  return membershipFingerprint(now) === membershipFingerprint(changed);
}

/**
 * Adds, removes or sets `entity`'s related entities (a member's groups, a group's members), with a
 * read-back when the answer is lost. The result is the related list afterwards.
 */
export async function changeMembership(
  services: Services,
  kind: EntityKind,
  userId: string,
  auth: OwnSystemAuth,
  entity: EntityRef,
  op: MembershipOp,
  changed: readonly EntityRef[],
  before: readonly EntityRef[],
): Promise<WriteResult<EntityRef[]>> {
  return patchingOwnLists(
    services,
    userId,
    auth,
    // Membership shows on both sides: a member's groups come from the group list.
    'all',
    () =>
      services.writes.withReadBack({
        write: async (deadline) => {
          await kind.changeRelated(services, op, entity.uuid, changed.map((related) => related.uuid), { token: auth.token, deadline });
          return expectedAfter(op, before, changed);
        },
        readBack: async () => {
          const now = await kind.listRelated(services, entity.uuid, { token: auth.token });
          return holds(op, now, changed) ? now : null;
        },
        checkWith: `\`/${kind.name} ${kind.related().plural} view\``,
      }),
    // Only the cached groups carry memberships (each with its member UUIDs); the member list has none.
    () => {
      const change = { side: kind.plural, uuid: entity.uuid, op, changed: changed.map((related) => related.uuid) };
      return services.directory.patched('groups', userId, auth, (groups) => withMembership(groups, change));
    },
  );
}
