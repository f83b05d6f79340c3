import { isOwner, requireToken } from '../auth.js';
import { noContent, ok, readJsonObject, readRefArray, required, type Reply, type RequestContext } from '../context.js';
import { groupCreated, groupDeleted, groupUpdated } from '../dispatch-events.js';
import { errors } from '../errors.js';
import { generateHid, generateUuid } from '../ids.js';
import { GROUP_PRIVACY_KEYS, allPublic, type GroupRecord, type MemberRecord } from '../model.js';
import { applyGroupChanges, parseGroupPatch } from '../patches.js';
import { matchOwnEntity } from '../refs.js';
import type { Store } from '../store.js';
import { nowMicros } from '../time.js';
import { groupView, memberView } from '../views.js';

function parseWithMembers(value: string | null): boolean {
  if (value === null) return false;
  const lowered = value.toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  throw errors.badRequest();
}

export function listSystemGroups(ctx: RequestContext): Reply {
  const withMembers = parseWithMembers(ctx.query.get('with_members'));
  const system = required(ctx.params.system);
  const owner = isOwner(ctx, system.uuid);
  if (!owner && system.privacy.group_list_privacy === 'private') throw errors.groupListPrivate();
  const groups = ctx.store
    .groupsOf(system.uuid)
    .filter((group) => owner || group.privacy.visibility === 'public')
    .map((group) => groupView(ctx.store, group, owner, withMembers));
  return ok(groups);
}

export function newGroupRecord(store: Store, systemUuid: string, name: string): GroupRecord {
  return {
    id: generateHid((hid) => store.groupByHid(hid) !== undefined),
    uuid: generateUuid(),
    systemUuid,
    name,
    display_name: null,
    description: null,
    icon: null,
    banner: null,
    color: null,
    created: nowMicros(),
    privacy: allPublic(GROUP_PRIVACY_KEYS),
    members: [],
  };
}

export function createGroup(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const system = requireToken(ctx);
  if (ctx.store.groupsOf(system.uuid).length >= system.settings.group_limit) throw errors.groupLimit();
  const changes = parseGroupPatch(body, 'create');
  const group = newGroupRecord(ctx.store, system.uuid, changes.name ?? '');
  applyGroupChanges(group, changes);
  ctx.store.groups.set(group.uuid, group);
  ctx.dispatch.emit(system.uuid, groupCreated(group, changes));
  return ok(groupView(ctx.store, group, true));
}

export function getGroup(ctx: RequestContext): Reply {
  const group = required(ctx.params.group);
  return ok(groupView(ctx.store, group, isOwner(ctx, group.systemUuid)));
}

function requireOwnGroup(ctx: RequestContext): GroupRecord {
  const system = requireToken(ctx);
  const group = required(ctx.params.group);
  if (group.systemUuid !== system.uuid) throw errors.notOwnGroup();
  return group;
}

export function patchGroup(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const group = requireOwnGroup(ctx);
  const changes = parseGroupPatch(body, 'update');
  applyGroupChanges(group, changes);
  ctx.dispatch.emit(group.systemUuid, groupUpdated(group, changes));
  return ok(groupView(ctx.store, group, true));
}

export function deleteGroup(ctx: RequestContext): Reply {
  const group = requireOwnGroup(ctx);
  ctx.store.deleteGroup(group);
  ctx.dispatch.emit(group.systemUuid, groupDeleted(group));
  return noContent;
}

export function listGroupMembers(ctx: RequestContext): Reply {
  const group = required(ctx.params.group);
  const owner = isOwner(ctx, group.systemUuid);
  // Only the group's own list privacy counts here, not the system's member list privacy.
  if (!owner && group.privacy.list_privacy === 'private') throw errors.groupMemberListPrivate();
  const members = group.members
    .map((uuid) => ctx.store.members.get(uuid))
    .filter((member): member is MemberRecord => member !== undefined)
    .filter((member) => owner || member.privacy.visibility === 'public')
    .map((member) => memberView(ctx.store, member, { isOwner: owner, withSystem: true }));
  return ok(members);
}

type MembershipOperation = 'add' | 'remove' | 'overwrite';

/** No event: production's UPDATE_GROUP_MEMBERS dispatch is never called (reference §6). */
function groupMembersOperation(operation: MembershipOperation) {
  return (ctx: RequestContext): Reply => {
    const refs = readRefArray(ctx);
    if (refs.length === 0 && operation !== 'overwrite') throw errors.badRequest();
    const group = requireOwnGroup(ctx);
    const own = ctx.store.membersOf(group.systemUuid);
    const members = refs.map((ref) => {
      const member = matchOwnEntity(own, ref);
      if (!member) throw errors.memberRefNotFound(ref);
      return member;
    });
    if (operation === 'overwrite') group.members = [];
    for (const member of members) {
      if (operation === 'remove') group.members = group.members.filter((uuid) => uuid !== member.uuid);
      else if (!group.members.includes(member.uuid)) group.members.push(member.uuid);
    }
    return noContent;
  };
}

export const addGroupMembers = groupMembersOperation('add');
export const removeGroupMembers = groupMembersOperation('remove');
export const overwriteGroupMembers = groupMembersOperation('overwrite');
