import type { AuthedCallOptions, CallOptions } from '../pluralkit/client.js';
import { PkErrorCode } from '../pluralkit/errors.js';
import type { Group, Member } from '../pluralkit/models.js';
import { isGroupHidden, isMemberHidden, publicGroup, publicMember } from '../pluralkit/privacy.js';
import type { GroupCreate, GroupPatch, MemberCreate, MemberPatch } from '../pluralkit/requests.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/*
 * Members and groups are managed the same way (list, view, create, edit, delete, privacy,
 * membership). Each kind is described once here (its endpoints, privacy subjects, error codes,
 * words), and every shared step takes the kind as a parameter instead of being written twice.
 */

export type Entity = Member | Group;
export type MembershipOp = 'add' | 'remove' | 'overwrite';
export type Body = Record<string, unknown>;

export interface EntityKind<E extends Entity = Entity> {
  /** The word, the command name and the flow-id prefix. */
  readonly name: 'member' | 'group';
  /** The plural, which is also the name of the caller's cached list. */
  readonly plural: 'members' | 'groups';
  /** The other side of a membership: a member's groups, a group's members. */
  readonly related: () => EntityKind;
  readonly notFoundCode: number;
  /** 40007 / 40008 and the system setting that holds the limit. */
  readonly limitCode: number;
  readonly limitSetting: 'member_limit' | 'group_limit';
  /** PluralKit's 403 when the related list is private to others (30002 / 30003). */
  readonly relatedPrivateCode: number;
  /** The system's list of this kind being private to others (30001 / 30002). */
  readonly listPrivateCode: number;
  /** Privacy subjects as people name them → PluralKit's privacy keys, in PluralKit's order. */
  readonly privacySubjects: Readonly<Record<string, string>>;
  own(services: Services, userId: string, auth: OwnSystemAuth): Promise<E[]>;
  list(services: Services, systemRef: string, opts?: CallOptions): Promise<E[]>;
  get(services: Services, ref: string, opts?: CallOptions): Promise<E>;
  create(services: Services, body: Body, opts: AuthedCallOptions): Promise<E>;
  update(services: Services, ref: string, body: Body, opts: AuthedCallOptions): Promise<E>;
  remove(services: Services, ref: string, opts: AuthedCallOptions): Promise<void>;
  /** The related entities as PluralKit lists them for this viewer (GET …/groups, …/members). */
  listRelated(services: Services, ref: string, opts?: CallOptions): Promise<Entity[]>;
  /** The related entities from the caller's cached lists (owner view, no request when warm). */
  ownRelated(services: Services, userId: string, auth: OwnSystemAuth, entity: E): Promise<Entity[]>;
  changeRelated(services: Services, op: MembershipOp, ref: string, refs: string[], opts: AuthedCallOptions): Promise<void>;
  publicView(entity: E): E;
  isHidden(entity: E): boolean;
}

export const MEMBERS: EntityKind<Member> = {
  name: 'member',
  plural: 'members',
  related: () => GROUPS as EntityKind,
  notFoundCode: PkErrorCode.MemberNotFound,
  limitCode: PkErrorCode.MemberLimitReached,
  limitSetting: 'member_limit',
  relatedPrivateCode: PkErrorCode.GroupListPrivate,
  listPrivateCode: PkErrorCode.MemberListPrivate,
  privacySubjects: {
    visibility: 'visibility',
    name: 'name_privacy',
    description: 'description_privacy',
    birthday: 'birthday_privacy',
    pronouns: 'pronoun_privacy',
    avatar: 'avatar_privacy',
    banner: 'banner_privacy',
    metadata: 'metadata_privacy',
    proxy: 'proxy_privacy',
  },
  own: (services, userId, auth) => services.directory.ownMembers(userId, auth),
  list: (services, ref, opts) => services.pluralkit.getSystemMembers(ref, opts),
  get: (services, ref, opts) => services.pluralkit.getMember(ref, opts),
  create: (services, body, opts) => services.pluralkit.createMember(body as MemberCreate, opts),
  update: (services, ref, body, opts) => services.pluralkit.updateMember(ref, body as MemberPatch, opts),
  remove: (services, ref, opts) => services.pluralkit.deleteMember(ref, opts),
  listRelated: (services, ref, opts) => services.pluralkit.getMemberGroups(ref, opts),
  async ownRelated(services, userId, auth, member) {
    const groups = await services.directory.ownGroups(userId, auth);
    return groups.filter((group) => group.members?.includes(member.uuid));
  },
  changeRelated(services, op, ref, refs, opts) {
    const client = services.pluralkit;
    if (op === 'add') return client.addMemberToGroups(ref, refs, opts);
    if (op === 'remove') return client.removeMemberFromGroups(ref, refs, opts);
    return client.overwriteMemberGroups(ref, refs, opts);
  },
  publicView: publicMember,
  isHidden: isMemberHidden,
};

export const GROUPS: EntityKind<Group> = {
  name: 'group',
  plural: 'groups',
  related: () => MEMBERS as EntityKind,
  notFoundCode: PkErrorCode.GroupNotFound,
  limitCode: PkErrorCode.GroupLimitReached,
  limitSetting: 'group_limit',
  relatedPrivateCode: PkErrorCode.GroupMemberListPrivate,
  listPrivateCode: PkErrorCode.GroupListPrivate,
  privacySubjects: {
    visibility: 'visibility',
    name: 'name_privacy',
    description: 'description_privacy',
    icon: 'icon_privacy',
    banner: 'banner_privacy',
    list: 'list_privacy',
    metadata: 'metadata_privacy',
  },
  own: (services, userId, auth) => services.directory.ownGroups(userId, auth),
  // With member UUIDs, so lists can show member counts without a request per group.
  list: (services, ref, opts) => services.pluralkit.getSystemGroups(ref, { withMembers: true }, opts),
  get: (services, ref, opts) => services.pluralkit.getGroup(ref, opts),
  create: (services, body, opts) => services.pluralkit.createGroup(body as GroupCreate, opts),
  update: (services, ref, body, opts) => services.pluralkit.updateGroup(ref, body as GroupPatch, opts),
  remove: (services, ref, opts) => services.pluralkit.deleteGroup(ref, opts),
  listRelated: (services, ref, opts) => services.pluralkit.getGroupMembers(ref, opts),
  async ownRelated(services, userId, auth, group) {
    const [groups, members] = await Promise.all([services.directory.ownGroups(userId, auth), services.directory.ownMembers(userId, auth)]);
    const uuids = groups.find((entry) => entry.uuid === group.uuid)?.members ?? group.members ?? [];
    let byUuid = new Map(members.map((member) => [member.uuid, member]));
    // A member made elsewhere (pk;, the dashboard) since the list was read: left out, a `set`
    // would remove them without asking, so the list is read again.
    if (uuids.some((uuid) => !byUuid.has(uuid))) {
      services.directory.forget('members', userId, auth);
      byUuid = new Map((await services.directory.ownMembers(userId, auth)).map((member) => [member.uuid, member]));
    }
    return uuids.flatMap((uuid) => byUuid.get(uuid) ?? []);
  },
  changeRelated(services, op, ref, refs, opts) {
    const client = services.pluralkit;
    if (op === 'add') return client.addGroupMembers(ref, refs, opts);
    if (op === 'remove') return client.removeGroupMembers(ref, refs, opts);
    return client.overwriteGroupMembers(ref, refs, opts);
  },
  publicView: (group) => publicGroup(group),
  isHidden: isGroupHidden,
};
