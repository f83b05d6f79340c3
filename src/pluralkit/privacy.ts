import type {
  Group,
  Member,
  Message,
  PrivacyLevel,
  PublicSystemSettings,
  Switch,
  System,
  SystemSettings,
} from './models.js';

/*
 * PluralKit's read-side privacy rules (reference §1.9), as pure functions from the owner view to
 * exactly what the server returns to anyone else (unauthenticated or another system). An owner
 * view without a privacy object is already a public view and is returned unchanged in content.
 * A missing privacy key counts as private: showing less than PluralKit would is the safe error.
 */

function isPublic(level: PrivacyLevel | null | undefined): boolean {
  return level === 'public';
}

function visibleOrNull<T>(value: T | null, level: PrivacyLevel | null | undefined): T | null {
  return isPublic(level) ? value : null;
}

export function publicSystem(system: System): System {
  const { webhook_url: _webhookUrl, ...rest } = system;
  const privacy = system.privacy;
  if (privacy === null) return rest;
  return {
    ...rest,
    name: visibleOrNull(system.name, privacy.name_privacy),
    description: visibleOrNull(system.description, privacy.description_privacy),
    pronouns: visibleOrNull(system.pronouns, privacy.pronoun_privacy),
    avatar_url: visibleOrNull(system.avatar_url, privacy.avatar_privacy),
    banner: visibleOrNull(system.banner, privacy.banner_privacy),
    privacy: null,
  };
}

/** PluralKit's name privacy: a private name shows the display name instead (if any), which is then not shown again. */
function publicNames(entity: { name: string; display_name: string | null }, namePrivacy: PrivacyLevel | null | undefined): { name: string; display_name: string | null } {
  return isPublic(namePrivacy) ? { name: entity.name, display_name: entity.display_name } : { name: entity.display_name ?? entity.name, display_name: null };
}

export function publicMember(member: Member): Member {
  const privacy = member.privacy;
  if (privacy === null) return { ...member, autoproxy_enabled: null };
  const metadataPublic = isPublic(privacy.metadata_privacy);
  return {
    ...member,
    ...publicNames(member, privacy.name_privacy),
    birthday: visibleOrNull(member.birthday, privacy.birthday_privacy),
    pronouns: visibleOrNull(member.pronouns, privacy.pronoun_privacy),
    avatar_url: visibleOrNull(member.avatar_url, privacy.avatar_privacy),
    webhook_avatar_url: visibleOrNull(member.webhook_avatar_url, privacy.avatar_privacy),
    banner: visibleOrNull(member.banner, privacy.banner_privacy),
    description: visibleOrNull(member.description, privacy.description_privacy),
    created: metadataPublic ? member.created : null,
    message_count: metadataPublic ? member.message_count : null,
    last_message_timestamp: metadataPublic ? member.last_message_timestamp : null,
    proxy_tags: isPublic(privacy.proxy_privacy) ? member.proxy_tags : [],
    autoproxy_enabled: null,
    privacy: null,
  };
}

/**
 * `members` (UUIDs, from `with_members=true`) becomes empty when the group's member list is
 * private. Hidden members cannot be dropped here — the group only knows UUIDs — so pass
 * `hiddenMemberUuids` to remove them as the server does.
 */
export function publicGroup(group: Group, hiddenMemberUuids?: ReadonlySet<string>): Group {
  const privacy = group.privacy;
  const withMembers = (members: string[] | undefined, listPublic: boolean): Pick<Group, 'members'> => {
    if (members === undefined) return {};
    if (!listPublic) return { members: [] };
    return { members: hiddenMemberUuids ? members.filter((uuid) => !hiddenMemberUuids.has(uuid)) : members };
  };
  if (privacy === null) return { ...group, ...withMembers(group.members, true) };
  return {
    ...group,
    ...publicNames(group, privacy.name_privacy),
    description: visibleOrNull(group.description, privacy.description_privacy),
    icon: visibleOrNull(group.icon, privacy.icon_privacy),
    banner: visibleOrNull(group.banner, privacy.banner_privacy),
    created: isPublic(privacy.metadata_privacy) ? group.created : null,
    ...withMembers(group.members, isPublic(privacy.list_privacy)),
    privacy: null,
  };
}

export function isMemberHidden(member: Member): boolean {
  return member.privacy !== null && !isPublic(member.privacy.visibility);
}

export function isGroupHidden(group: Group): boolean {
  return group.privacy !== null && !isPublic(group.privacy.visibility);
}

/** A member list as others see it: hidden members left out, the rest in their public view. */
export function publicMemberList(members: readonly Member[]): Member[] {
  return members.filter((member) => !isMemberHidden(member)).map(publicMember);
}

/**
 * A group list as others see it. Pass the owner's member list to also drop hidden members from
 * `members` (only relevant for lists fetched with `with_members=true`).
 */
export function publicGroupList(groups: readonly Group[], ownerMembers?: readonly Member[]): Group[] {
  const hidden = ownerMembers ? new Set(ownerMembers.filter(isMemberHidden).map((member) => member.uuid)) : undefined;
  return groups.filter((group) => !isGroupHidden(group)).map((group) => publicGroup(group, hidden));
}

/** Switches keep hidden members (fronting is not a list); their fields are filtered. */
export function publicSwitch(entry: Switch): Switch {
  return { ...entry, members: entry.members.map(publicMember) };
}

export function publicMessage(message: Message): Message {
  return {
    ...message,
    system: message.system === null ? null : publicSystem(message.system),
    member: message.member === null ? null : publicMember(message.member),
  };
}

const PUBLIC_SETTINGS_KEYS = [
  'pings_enabled',
  'latch_timeout',
  'case_sensitive_proxy_tags',
  'proxy_error_message_enabled',
  'hid_display_split',
  'hid_display_caps',
  'hid_list_padding',
  'proxy_switch',
  'name_format',
] as const satisfies readonly (keyof PublicSystemSettings)[];

export function publicSystemSettings(settings: SystemSettings): PublicSystemSettings {
  const result: Record<string, unknown> = {};
  for (const key of PUBLIC_SETTINGS_KEYS) result[key] = settings[key];
  return result as PublicSystemSettings;
}

/** The owner view is needed to decide; a system without a privacy object is a public view already. */
function systemAllows(system: System, key: keyof NonNullable<System['privacy']>): boolean {
  return system.privacy === null || isPublic(system.privacy[key]);
}

export function isMemberListPublic(system: System): boolean {
  return systemAllows(system, 'member_list_privacy');
}

export function isGroupListPublic(system: System): boolean {
  return systemAllows(system, 'group_list_privacy');
}

export function isFrontPublic(system: System): boolean {
  return systemAllows(system, 'front_privacy');
}

export function isFrontHistoryPublic(system: System): boolean {
  return systemAllows(system, 'front_history_privacy');
}

export function isGroupMemberListPublic(group: Group): boolean {
  return group.privacy === null || isPublic(group.privacy.list_privacy);
}
