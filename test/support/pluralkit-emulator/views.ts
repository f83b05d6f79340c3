import type {
  AutoproxyRecord,
  GroupRecord,
  MemberGuildSettingsRecord,
  MemberRecord,
  MessageRecord,
  SwitchRecord,
  SystemGuildSettingsRecord,
  SystemRecord,
  SystemSettingsRecord,
} from './model.js';
import type { Store } from './store.js';
import { formatExtendedIso, formatGeneralIso, formatNullable, snowflakeMillis } from './time.js';

/**
 * Response shapes with PluralKit's read-side privacy (reference §1.9): the owner sees everything,
 * everyone else gets field privacy as null, name privacy as display_name, proxy tags as [],
 * and a null privacy object.
 */

const MEDIA_PROXY = /^https?:\/\/media\.discordapp\.net\/attachments\/(\d+)\/(\d+)\/([^/?#]+\.(?:png|jpe?g|webp))(?:\?.*)?$/i;

/** Production rewrites Discord media-proxy links to the CDN on output. */
function cdnUrl(url: string | null): string | null {
  if (url === null) return null;
  const match = MEDIA_PROXY.exec(url);
  return match ? `https://cdn.discordapp.com/attachments/${match[1]}/${match[2]}/${match[3]}` : url;
}

function visible<T>(value: T, privacy: string, isOwner: boolean): T | null {
  return isOwner || privacy === 'public' ? value : null;
}

export function systemView(system: SystemRecord, isOwner: boolean): Record<string, unknown> {
  const p = system.privacy;
  const view: Record<string, unknown> = {
    id: system.id,
    uuid: system.uuid,
    name: visible(system.name, p.name_privacy, isOwner),
    description: visible(system.description, p.description_privacy, isOwner),
    tag: system.tag,
    pronouns: visible(system.pronouns, p.pronoun_privacy, isOwner),
    avatar_url: visible(cdnUrl(system.avatar_url), p.avatar_privacy, isOwner),
    banner: visible(cdnUrl(system.banner), p.banner_privacy, isOwner),
    color: system.color,
    created: formatExtendedIso(system.created),
  };
  if (isOwner) view.webhook_url = system.webhook_url;
  view.privacy = isOwner ? { ...system.privacy } : null;
  return view;
}

export interface MemberViewOptions {
  isOwner: boolean;
  /** Members inside Message objects omit the `system` key. */
  withSystem: boolean;
}

export function memberView(store: Store, member: MemberRecord, options: MemberViewOptions): Record<string, unknown> {
  const { isOwner } = options;
  const p = member.privacy;
  const namePrivate = !isOwner && p.name_privacy === 'private';
  const view: Record<string, unknown> = { id: member.id, uuid: member.uuid };
  if (options.withSystem) view.system = store.systemOf(member).id;
  Object.assign(view, {
    name: namePrivate ? (member.display_name ?? member.name) : member.name,
    display_name: namePrivate ? null : member.display_name,
    color: member.color,
    birthday: visible(member.birthday, p.birthday_privacy, isOwner),
    pronouns: visible(member.pronouns, p.pronoun_privacy, isOwner),
    avatar_url: visible(cdnUrl(member.avatar_url), p.avatar_privacy, isOwner),
    webhook_avatar_url: visible(cdnUrl(member.webhook_avatar_url), p.avatar_privacy, isOwner),
    banner: visible(cdnUrl(member.banner), p.banner_privacy, isOwner),
    description: visible(member.description, p.description_privacy, isOwner),
    created: visible(formatNullable(member.created), p.metadata_privacy, isOwner),
    keep_proxy: member.keep_proxy,
    tts: member.tts,
    autoproxy_enabled: isOwner ? member.autoproxy_enabled : null,
    message_count: visible(member.message_count, p.metadata_privacy, isOwner),
    last_message_timestamp: visible(formatNullable(member.last_message_timestamp), p.metadata_privacy, isOwner),
    proxy_tags: isOwner || p.proxy_privacy === 'public' ? member.proxy_tags.map((tag) => ({ ...tag })) : [],
    privacy: isOwner ? { ...member.privacy } : null,
  });
  return view;
}

export function groupView(
  store: Store,
  group: GroupRecord,
  isOwner: boolean,
  withMembers = false,
): Record<string, unknown> {
  const p = group.privacy;
  const namePrivate = !isOwner && p.name_privacy === 'private';
  const view: Record<string, unknown> = {
    id: group.id,
    uuid: group.uuid,
    name: namePrivate ? (group.display_name ?? group.name) : group.name,
    system: store.systemOf(group).id,
    display_name: namePrivate ? null : group.display_name,
    description: visible(group.description, p.description_privacy, isOwner),
    icon: visible(cdnUrl(group.icon), p.icon_privacy, isOwner),
    banner: visible(group.banner, p.banner_privacy, isOwner),
    color: group.color,
    created: visible(formatNullable(group.created), p.metadata_privacy, isOwner),
  };
  if (withMembers) {
    view.members =
      !isOwner && p.list_privacy === 'private'
        ? []
        : group.members.filter((uuid) => isOwner || store.members.get(uuid)?.privacy.visibility === 'public');
  }
  view.privacy = isOwner ? { ...group.privacy } : null;
  return view;
}

export function switchSummaryView(store: Store, entry: SwitchRecord): Record<string, unknown> {
  return {
    id: entry.uuid,
    timestamp: formatExtendedIso(entry.timestamp),
    members: entry.members.map((uuid) => store.members.get(uuid)?.id).filter((hid) => hid !== undefined),
  };
}

export function switchFullView(store: Store, entry: SwitchRecord, isOwner: boolean): Record<string, unknown> {
  return {
    id: entry.uuid,
    timestamp: formatExtendedIso(entry.timestamp),
    members: entry.members
      .map((uuid) => store.members.get(uuid))
      .filter((member) => member !== undefined)
      .map((member) => memberView(store, member, { isOwner, withSystem: true })),
  };
}

export function messageView(store: Store, message: MessageRecord, viewer: SystemRecord | null): Record<string, unknown> {
  const system = message.systemUuid === null ? undefined : store.systems.get(message.systemUuid);
  const member = message.memberUuid === null ? undefined : store.members.get(message.memberUuid);
  const isOwner = viewer !== null && system !== undefined && viewer.uuid === system.uuid;
  return {
    timestamp: formatGeneralIso(snowflakeMillis(message.id) * 1000),
    id: message.id,
    original: message.original ?? '',
    sender: message.sender,
    channel: message.channel,
    guild: message.guild,
    system: system ? systemView(system, isOwner) : null,
    member: member ? memberView(store, member, { isOwner, withSystem: false }) : null,
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
] as const;

/** Rust-served GET: no card_show_color_hex, name_format defaulted for display. */
export function settingsGetView(settings: SystemSettingsRecord, isOwner: boolean): Record<string, unknown> {
  const nameFormat = settings.name_format ?? '{name} {tag}';
  if (!isOwner) {
    const view: Record<string, unknown> = {};
    for (const key of PUBLIC_SETTINGS_KEYS) view[key] = key === 'name_format' ? nameFormat : settings[key];
    return view;
  }
  const { card_show_color_hex: _hidden, ...rest } = settings;
  return { ...rest, description_templates: [...settings.description_templates], name_format: nameFormat };
}

/** .NET-serialized settings (PATCH response): everything, name_format null when unset. */
export function settingsPatchView(settings: SystemSettingsRecord): Record<string, unknown> {
  return { ...settings, description_templates: [...settings.description_templates] };
}

export function systemGuildView(settings: SystemGuildSettingsRecord): Record<string, unknown> {
  return { ...settings };
}

export function memberGuildView(settings: MemberGuildSettingsRecord): Record<string, unknown> {
  return { ...settings };
}

export function autoproxyView(store: Store, settings: AutoproxyRecord, memberUuidOverride?: string | null): Record<string, unknown> {
  const memberUuid = memberUuidOverride === undefined ? settings.memberUuid : memberUuidOverride;
  return {
    autoproxy_mode: settings.autoproxy_mode,
    autoproxy_member:
      settings.autoproxy_mode === 'front' || memberUuid === null ? null : (store.members.get(memberUuid)?.id ?? null),
    last_latch_timestamp: formatNullable(settings.last_latch_timestamp),
  };
}
