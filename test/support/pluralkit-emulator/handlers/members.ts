import { isOwner, requireToken } from '../auth.js';
import { noContent, ok, parseGuildId, readJsonObject, readRefArray, required, type Reply, type RequestContext } from '../context.js';
import { memberCreated, memberDeleted, memberGuildUpdated, memberUpdated } from '../dispatch-events.js';
import { errors } from '../errors.js';
import { generateHid, generateUuid } from '../ids.js';
import { MEMBER_PRIVACY_KEYS, allPublic, type GroupRecord, type MemberRecord } from '../model.js';
import { applyMemberChanges, parseMemberGuildPatch, parseMemberPatch } from '../patches.js';
import { matchOwnEntity } from '../refs.js';
import type { Store } from '../store.js';
import { nowMicros } from '../time.js';
import { groupView, memberGuildView, memberView } from '../views.js';

export function listSystemMembers(ctx: RequestContext): Reply {
  const system = required(ctx.params.system);
  const owner = isOwner(ctx, system.uuid);
  if (!owner && system.privacy.member_list_privacy === 'private') throw errors.memberListPrivate();
  const members = ctx.store
    .membersOf(system.uuid)
    .filter((member) => owner || member.privacy.visibility === 'public')
    .map((member) => memberView(ctx.store, member, { isOwner: owner, withSystem: true }));
  return ok(members);
}

export function newMemberRecord(store: Store, systemUuid: string, name: string): MemberRecord {
  return {
    id: generateHid((hid) => store.memberByHid(hid) !== undefined),
    uuid: generateUuid(),
    systemUuid,
    name,
    display_name: null,
    color: null,
    birthday: null,
    pronouns: null,
    avatar_url: null,
    webhook_avatar_url: null,
    banner: null,
    description: null,
    created: nowMicros(),
    keep_proxy: false,
    tts: false,
    autoproxy_enabled: true,
    message_count: 0,
    last_message_timestamp: null,
    proxy_tags: [],
    privacy: allPublic(MEMBER_PRIVACY_KEYS),
  };
}

export function createMember(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const system = requireToken(ctx);
  if (ctx.store.membersOf(system.uuid).length >= system.settings.member_limit) throw errors.memberLimit();
  const changes = parseMemberPatch(body, 'create');
  const member = newMemberRecord(ctx.store, system.uuid, changes.name ?? '');
  applyMemberChanges(member, changes);
  ctx.store.members.set(member.uuid, member);
  ctx.dispatch.emit(system.uuid, memberCreated(member, changes));
  return ok(memberView(ctx.store, member, { isOwner: true, withSystem: true }));
}

export function getMember(ctx: RequestContext): Reply {
  const member = required(ctx.params.member);
  return ok(memberView(ctx.store, member, { isOwner: isOwner(ctx, member.systemUuid), withSystem: true }));
}

function requireOwnMember(ctx: RequestContext): MemberRecord {
  const system = requireToken(ctx);
  const member = required(ctx.params.member);
  if (member.systemUuid !== system.uuid) throw errors.notOwnMember();
  return member;
}

export function patchMember(ctx: RequestContext): Reply {
  const body = readJsonObject(ctx);
  const member = requireOwnMember(ctx);
  const changes = parseMemberPatch(body, 'update');
  applyMemberChanges(member, changes);
  ctx.dispatch.emit(member.systemUuid, memberUpdated(member, changes));
  return ok(memberView(ctx.store, member, { isOwner: true, withSystem: true }));
}

export function deleteMember(ctx: RequestContext): Reply {
  const member = requireOwnMember(ctx);
  ctx.store.deleteMember(member);
  ctx.dispatch.emit(member.systemUuid, memberDeleted(member));
  return noContent;
}

export function listMemberGroups(ctx: RequestContext): Reply {
  const member = required(ctx.params.member);
  const system = ctx.store.systemOf(member);
  const owner = isOwner(ctx, system.uuid);
  if (!owner && system.privacy.group_list_privacy === 'private') throw errors.groupListPrivate();
  const groups = ctx.store
    .groupsOfMember(member.uuid)
    .filter((group) => owner || group.privacy.visibility === 'public')
    .map((group) => groupView(ctx.store, group, owner));
  return ok(groups);
}

type MembershipOperation = 'add' | 'remove' | 'overwrite';

function resolveOwnGroups(ctx: RequestContext, member: MemberRecord, refs: string[], operation: MembershipOperation): GroupRecord[] {
  const own = ctx.store.groupsOf(member.systemUuid);
  return refs.map((ref) => {
    const group = matchOwnEntity(own, ref);
    if (!group) throw operation === 'add' ? errors.groupNotFound() : errors.groupRefNotFound(ref);
    return group;
  });
}

/** No event: production's UPDATE_GROUP_MEMBERS dispatch is never called (reference §6). */
function memberGroupsOperation(operation: MembershipOperation) {
  return (ctx: RequestContext): Reply => {
    const refs = readRefArray(ctx);
    // Production rejects an empty list for add/remove before it even looks at the token.
    if (refs.length === 0 && operation !== 'overwrite') throw errors.badRequest();
    const member = requireOwnMember(ctx);
    const groups = resolveOwnGroups(ctx, member, refs, operation);
    if (operation === 'overwrite') {
      for (const group of ctx.store.groupsOfMember(member.uuid)) {
        group.members = group.members.filter((uuid) => uuid !== member.uuid);
      }
    }
    for (const group of groups) {
      if (operation === 'remove') group.members = group.members.filter((uuid) => uuid !== member.uuid);
      else if (!group.members.includes(member.uuid)) group.members.push(member.uuid);
    }
    return noContent;
  };
}

export const addMemberGroups = memberGroupsOperation('add');
export const removeMemberGroups = memberGroupsOperation('remove');
export const overwriteMemberGroups = memberGroupsOperation('overwrite');

export function getMemberGuild(ctx: RequestContext): Reply {
  const guildId = parseGuildId(ctx.params.raw.guild_id);
  const member = requireOwnMember(ctx);
  const settings = ctx.store.memberGuilds.get(`${member.uuid}:${guildId}`);
  if (!settings) throw errors.memberGuildNotFound();
  return ok(memberGuildView(settings));
}

export function patchMemberGuild(ctx: RequestContext): Reply {
  const guildId = parseGuildId(ctx.params.raw.guild_id);
  const body = readJsonObject(ctx);
  const member = requireOwnMember(ctx);
  const settings = ctx.store.memberGuilds.get(`${member.uuid}:${guildId}`);
  if (!settings) throw errors.memberGuildNotFound();
  const changes = parseMemberGuildPatch(body);
  Object.assign(settings, changes);
  ctx.dispatch.emit(member.systemUuid, memberGuildUpdated(member, guildId, changes));
  return ok(memberGuildView(settings));
}
