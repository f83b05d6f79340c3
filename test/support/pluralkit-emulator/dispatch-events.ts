import {
  GROUP_PRIVACY_KEYS,
  SYSTEM_PRIVACY_KEYS,
  type GroupRecord,
  type MemberGuildSettingsRecord,
  type MemberRecord,
  type MessageRecord,
  type Micros,
  type SwitchRecord,
  type SystemGuildSettingsRecord,
  type SystemRecord,
  type SystemSettingsRecord,
} from './model.js';
import type { Store } from './store.js';
import { formatExtendedIso } from './time.js';
import type { JsonObject } from './validation.js';
import { messageView } from './views.js';

/**
 * The events PluralKit dispatches and the `data` each carries, built the way
 * `PluralKit.Core/Dispatch` and the repository's `*Patch.ToJson()` build them (reference §6):
 * partial models in the patch's key order, UUIDs where the API would show short IDs.
 */

export const DISPATCH_EVENT_TYPES = [
  'PING',
  'UPDATE_SYSTEM',
  'UPDATE_SETTINGS',
  'CREATE_MEMBER',
  'UPDATE_MEMBER',
  'DELETE_MEMBER',
  'CREATE_GROUP',
  'UPDATE_GROUP',
  'UPDATE_GROUP_MEMBERS',
  'DELETE_GROUP',
  'LINK_ACCOUNT',
  'UNLINK_ACCOUNT',
  'UPDATE_SYSTEM_GUILD',
  'UPDATE_MEMBER_GUILD',
  'CREATE_MESSAGE',
  'CREATE_SWITCH',
  'UPDATE_SWITCH',
  'DELETE_SWITCH',
  'DELETE_ALL_SWITCHES',
  'SUCCESSFUL_IMPORT',
  'UPDATE_AUTOPROXY',
] as const;
export type DispatchEventType = (typeof DISPATCH_EVENT_TYPES)[number];

export interface DispatchEvent {
  type: DispatchEventType;
  /** Entity UUID, Discord account ID, or null. */
  id: string | null;
  data: JsonObject | null;
}

/** The Dispatch overloads that drop an event whose partial data came out empty. */
const DROPPED_WHEN_EMPTY: ReadonlySet<DispatchEventType> = new Set([
  'UPDATE_SYSTEM',
  'UPDATE_SETTINGS',
  'CREATE_MEMBER',
  'UPDATE_MEMBER',
  'CREATE_GROUP',
  'UPDATE_GROUP',
  'DELETE_ALL_SWITCHES',
  'LINK_ACCOUNT',
  'UNLINK_ACCOUNT',
  'SUCCESSFUL_IMPORT',
]);

export function isDroppedAsEmpty(event: DispatchEvent): boolean {
  return DROPPED_WHEN_EMPTY.has(event.type) && event.data !== null && Object.keys(event.data).length === 0;
}

/** The receiver compares `signing_token` with what it stored; PING has no `id`/`data` keys at all. */
export function envelopeJson(event: DispatchEvent, signingToken: string, systemUuid: string): string {
  if (event.type === 'PING') return JSON.stringify({ type: 'PING', signing_token: signingToken, system_id: systemUuid });
  return JSON.stringify({ type: event.type, signing_token: signingToken, system_id: systemUuid, id: event.id, data: event.data });
}

// Key orders of SystemPatch, MemberPatch, GroupPatch, SystemConfigPatch, SystemGuildPatch and
// MemberGuildPatch ToJson(); privacy keys nested under `privacy`. System and group privacy come in
// the model's order; member privacy has an order of its own there.
const SYSTEM_KEYS = ['name', 'id', 'description', 'tag', 'pronouns', 'avatar_url', 'banner', 'color'];
const MEMBER_KEYS = [
  'name',
  'id',
  'display_name',
  'avatar_url',
  'webhook_avatar_url',
  'banner',
  'color',
  'birthday',
  'pronouns',
  'description',
  'proxy_tags',
  'keep_proxy',
  'tts',
];
const MEMBER_PRIVACY = [
  'visibility',
  'name_privacy',
  'description_privacy',
  'banner_privacy',
  'pronoun_privacy',
  'birthday_privacy',
  'avatar_privacy',
  'proxy_privacy',
  'metadata_privacy',
];
const GROUP_KEYS = ['name', 'id', 'display_name', 'description', 'icon', 'banner', 'color'];
const SETTINGS_KEYS = [
  'timezone',
  'pings_enabled',
  'latch_timeout',
  'member_default_private',
  'group_default_private',
  'show_private_info',
  'member_limit',
  'group_limit',
  'description_templates',
  'case_sensitive_proxy_tags',
  'proxy_error_message_enabled',
  'hid_display_split',
  'hid_display_caps',
  'hid_list_padding',
  'card_show_color_hex',
  'proxy_switch',
  'name_format',
];
const SYSTEM_GUILD_KEYS = ['proxying_enabled', 'tag', 'tag_enabled', 'avatar_url', 'display_name', 'name_format'];
const MEMBER_GUILD_KEYS = ['display_name', 'avatar_url', 'keep_proxy'];

function partial(changes: object, keys: readonly string[], privacyKeys: readonly string[] = []): JsonObject {
  const source = changes as Record<string, unknown>;
  const data: JsonObject = {};
  for (const key of keys) if (source[key] !== undefined) data[key] = structuredClone(source[key]);
  const privacy = source.privacy as Record<string, unknown> | undefined;
  if (privacy && privacyKeys.some((key) => privacy[key] !== undefined)) {
    const nested: JsonObject = {};
    for (const key of privacyKeys) if (privacy[key] !== undefined) nested[key] = privacy[key];
    data.privacy = nested;
  }
  return data;
}

export function systemUpdated(changes: Partial<SystemRecord>): DispatchEvent {
  return { type: 'UPDATE_SYSTEM', id: null, data: partial(changes, SYSTEM_KEYS, SYSTEM_PRIVACY_KEYS) };
}

export function settingsUpdated(changes: Partial<SystemSettingsRecord>): DispatchEvent {
  return { type: 'UPDATE_SETTINGS', id: null, data: partial(changes, SETTINGS_KEYS) };
}

/** API creates send every key of the create body (the patch), not only `name` as the docs say. */
export function memberCreated(member: MemberRecord, changes: Partial<MemberRecord>): DispatchEvent {
  return { type: 'CREATE_MEMBER', id: member.uuid, data: partial(changes, MEMBER_KEYS, MEMBER_PRIVACY) };
}

export function memberUpdated(member: MemberRecord, changes: Partial<MemberRecord>): DispatchEvent {
  return { type: 'UPDATE_MEMBER', id: member.uuid, data: partial(changes, MEMBER_KEYS, MEMBER_PRIVACY) };
}

export function memberDeleted(member: MemberRecord): DispatchEvent {
  return { type: 'DELETE_MEMBER', id: member.uuid, data: null };
}

export function groupCreated(group: GroupRecord, changes: Partial<GroupRecord>): DispatchEvent {
  return { type: 'CREATE_GROUP', id: group.uuid, data: partial(changes, GROUP_KEYS, GROUP_PRIVACY_KEYS) };
}

export function groupUpdated(group: GroupRecord, changes: Partial<GroupRecord>): DispatchEvent {
  return { type: 'UPDATE_GROUP', id: group.uuid, data: partial(changes, GROUP_KEYS, GROUP_PRIVACY_KEYS) };
}

export function groupDeleted(group: GroupRecord): DispatchEvent {
  return { type: 'DELETE_GROUP', id: group.uuid, data: null };
}

export function systemGuildUpdated(guildId: string, changes: Partial<SystemGuildSettingsRecord>): DispatchEvent {
  return { type: 'UPDATE_SYSTEM_GUILD', id: null, data: { guild_id: guildId, ...partial(changes, SYSTEM_GUILD_KEYS) } };
}

export function memberGuildUpdated(member: MemberRecord, guildId: string, changes: Partial<MemberGuildSettingsRecord>): DispatchEvent {
  return { type: 'UPDATE_MEMBER_GUILD', id: member.uuid, data: { guild_id: guildId, ...partial(changes, MEMBER_GUILD_KEYS) } };
}

export interface AutoproxyChange {
  autoproxy_mode?: string;
  /** Member UUID; null when the change clears the member. Absent when it does not touch it. */
  autoproxy_member?: string | null;
  last_latch_timestamp?: Micros;
}

/** `guild_id` and `channel_id` are always present (null for the scope not used). */
export function autoproxyUpdated(guildId: string | null, change: AutoproxyChange): DispatchEvent {
  const data: JsonObject = { guild_id: guildId, channel_id: null };
  if (change.autoproxy_mode !== undefined) data.autoproxy_mode = change.autoproxy_mode;
  if (change.autoproxy_member !== undefined) data.autoproxy_member = change.autoproxy_member;
  if (change.last_latch_timestamp !== undefined) data.last_latch_timestamp = formatExtendedIso(change.last_latch_timestamp);
  return { type: 'UPDATE_AUTOPROXY', id: null, data };
}

/**
 * `GetMemberGuids` selects `uuid … WHERE id IN (…)` without an ORDER BY, so dispatch member lists
 * come in table order, not in the switch's order; table order here is creation order.
 */
function memberUuidsInTableOrder(store: Store, memberUuids: readonly string[]): string[] {
  const wanted = new Set(memberUuids);
  return [...store.members.keys()].filter((uuid) => wanted.has(uuid));
}

/** `insertedAt` is when the row was inserted; an API create with a timestamp moves it afterwards. */
export function switchCreated(store: Store, entry: SwitchRecord, insertedAt: Micros): DispatchEvent {
  return {
    type: 'CREATE_SWITCH',
    id: entry.uuid,
    data: { id: entry.uuid, timestamp: formatExtendedIso(insertedAt), members: memberUuidsInTableOrder(store, entry.members) },
  };
}

export function switchMoved(entry: SwitchRecord): DispatchEvent {
  return { type: 'UPDATE_SWITCH', id: entry.uuid, data: { timestamp: formatExtendedIso(entry.timestamp) } };
}

export function switchMembersEdited(store: Store, entry: SwitchRecord): DispatchEvent {
  return { type: 'UPDATE_SWITCH', id: entry.uuid, data: { members: memberUuidsInTableOrder(store, entry.members) } };
}

export function switchDeleted(entry: SwitchRecord): DispatchEvent {
  return { type: 'DELETE_SWITCH', id: entry.uuid, data: null };
}

export function allSwitchesDeleted(): DispatchEvent {
  return { type: 'DELETE_ALL_SWITCHES', id: null, data: null };
}

export function accountLinked(accountId: string): DispatchEvent {
  return { type: 'LINK_ACCOUNT', id: accountId, data: null };
}

export function accountUnlinked(accountId: string): DispatchEvent {
  return { type: 'UNLINK_ACCOUNT', id: accountId, data: null };
}

/** The full Message object in the owner's view (system with `webhook_url`, member without `system`). */
export function messageCreated(store: Store, message: MessageRecord, owner: SystemRecord): DispatchEvent {
  return { type: 'CREATE_MESSAGE', id: null, data: messageView(store, message, owner) };
}
