import { z } from 'zod';

/*
 * Response models of the PluralKit API v2, field names exactly as the server emits them.
 *
 * Unknown keys are accepted but dropped: a key a newer server adds might be private, and a key we
 * do not know could not be privacy-filtered by privacy.ts, so it must not flow on to a public
 * reply. (It also keeps the types free of index signatures, so a misspelt field is a compile
 * error.) Keys the reference documents as sometimes absent are `.optional()`; nullable keys that
 * every response should carry default to null when missing, so consumers see `T | null` and never
 * `undefined`. A present key with the wrong type still fails parsing.
 */

const nullableString = z.string().nullable().default(null);
const nullableInt = z.number().int().nullable().default(null);

export const PrivacyLevelSchema = z.enum(['public', 'private']);
export type PrivacyLevel = z.infer<typeof PrivacyLevelSchema>;

export const SYSTEM_PRIVACY_KEYS = [
  'name_privacy',
  'avatar_privacy',
  'description_privacy',
  'banner_privacy',
  'pronoun_privacy',
  'member_list_privacy',
  'group_list_privacy',
  'front_privacy',
  'front_history_privacy',
] as const;

export const MEMBER_PRIVACY_KEYS = [
  'visibility',
  'name_privacy',
  'description_privacy',
  'banner_privacy',
  'birthday_privacy',
  'pronoun_privacy',
  'avatar_privacy',
  'metadata_privacy',
  'proxy_privacy',
] as const;

export const GROUP_PRIVACY_KEYS = [
  'name_privacy',
  'description_privacy',
  'banner_privacy',
  'icon_privacy',
  'list_privacy',
  'metadata_privacy',
  'visibility',
] as const;

type PrivacyShape<K extends readonly string[]> = { [P in K[number]]: typeof PrivacyLevelSchema };

function privacyShape<K extends readonly string[]>(keys: K): PrivacyShape<K> {
  return Object.fromEntries(keys.map((key) => [key, PrivacyLevelSchema])) as PrivacyShape<K>;
}

export const SystemPrivacySchema = z.object(privacyShape(SYSTEM_PRIVACY_KEYS));
export type SystemPrivacy = z.infer<typeof SystemPrivacySchema>;

export const MemberPrivacySchema = z.object(privacyShape(MEMBER_PRIVACY_KEYS));
export type MemberPrivacy = z.infer<typeof MemberPrivacySchema>;

export const GroupPrivacySchema = z.object(privacyShape(GROUP_PRIVACY_KEYS));
export type GroupPrivacy = z.infer<typeof GroupPrivacySchema>;

export const SystemSchema = z.object({
  id: z.string(),
  uuid: z.string(),
  name: nullableString,
  description: nullableString,
  tag: nullableString,
  pronouns: nullableString,
  avatar_url: nullableString,
  banner: nullableString,
  color: nullableString,
  created: nullableString,
  /** Owner view only; the key is absent for everyone else. */
  webhook_url: z.string().nullable().optional(),
  /** null for non-owners. */
  privacy: SystemPrivacySchema.nullable().default(null),
});
export type System = z.infer<typeof SystemSchema>;

export const ProxyTagSchema = z.object({
  prefix: nullableString,
  suffix: nullableString,
});
export type ProxyTag = z.infer<typeof ProxyTagSchema>;

export const MemberSchema = z.object({
  id: z.string(),
  uuid: z.string(),
  /** Owning system's short ID; absent on members embedded in a Message. */
  system: z.string().optional(),
  name: z.string(),
  display_name: nullableString,
  color: nullableString,
  birthday: nullableString,
  pronouns: nullableString,
  avatar_url: nullableString,
  webhook_avatar_url: nullableString,
  banner: nullableString,
  description: nullableString,
  created: nullableString,
  keep_proxy: z.boolean().default(false),
  tts: z.boolean().default(false),
  /** Owner view only (null otherwise). */
  autoproxy_enabled: z.boolean().nullable().default(null),
  message_count: nullableInt,
  last_message_timestamp: nullableString,
  proxy_tags: z.array(ProxyTagSchema).default([]),
  privacy: MemberPrivacySchema.nullable().default(null),
});
export type Member = z.infer<typeof MemberSchema>;

export const GroupSchema = z.object({
  id: z.string(),
  uuid: z.string(),
  name: z.string(),
  system: z.string().optional(),
  display_name: nullableString,
  description: nullableString,
  icon: nullableString,
  banner: nullableString,
  color: nullableString,
  created: nullableString,
  /** Member UUIDs; present only when the list was requested with `with_members=true`. */
  members: z.array(z.string()).optional(),
  privacy: GroupPrivacySchema.nullable().default(null),
});
export type Group = z.infer<typeof GroupSchema>;

/** Full switch (fronters, single switch, create/patch responses). */
export const SwitchSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  members: z.array(MemberSchema),
});
export type Switch = z.infer<typeof SwitchSchema>;

/** Switch list item: `members` are member short IDs. */
export const SwitchSummarySchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  members: z.array(z.string()),
});
export type SwitchSummary = z.infer<typeof SwitchSummarySchema>;

export const MessageSchema = z.object({
  timestamp: z.string(),
  id: z.string(),
  /** Empty string (not null) when the trigger message is unknown. */
  original: z.string().nullable().default(''),
  sender: z.string(),
  channel: z.string(),
  guild: nullableString,
  system: SystemSchema.nullable().default(null),
  member: MemberSchema.nullable().default(null),
});
export type Message = z.infer<typeof MessageSchema>;

export const HidListPaddingSchema = z.enum(['off', 'left', 'right']);
export const ProxySwitchModeSchema = z.enum(['off', 'new', 'add']);

/** Keys every viewer of the settings endpoint receives. */
const publicSettingsShape = {
  pings_enabled: z.boolean(),
  latch_timeout: nullableInt,
  case_sensitive_proxy_tags: z.boolean(),
  proxy_error_message_enabled: z.boolean(),
  hid_display_split: z.boolean(),
  hid_display_caps: z.boolean(),
  hid_list_padding: HidListPaddingSchema,
  proxy_switch: ProxySwitchModeSchema,
  /** GET reports "{name} {tag}" when unset; the PATCH response reports null. */
  name_format: nullableString,
};

export const PublicSystemSettingsSchema = z.object(publicSettingsShape);
export type PublicSystemSettings = z.infer<typeof PublicSystemSettingsSchema>;

export const SystemSettingsSchema = z.object({
  ...publicSettingsShape,
  timezone: z.string(),
  member_default_private: z.boolean(),
  group_default_private: z.boolean(),
  show_private_info: z.boolean().optional(),
  member_limit: z.number().int().optional(),
  group_limit: z.number().int().optional(),
  /** Present in the PATCH response only. */
  card_show_color_hex: z.boolean().optional(),
  description_templates: z.array(z.string()).default([]),
});
export type SystemSettings = z.infer<typeof SystemSettingsSchema>;

export const SystemGuildSettingsSchema = z.object({
  guild_id: z.string().optional(),
  proxying_enabled: z.boolean(),
  tag: nullableString,
  tag_enabled: z.boolean(),
  avatar_url: nullableString,
  display_name: nullableString,
  name_format: nullableString,
});
export type SystemGuildSettings = z.infer<typeof SystemGuildSettingsSchema>;

export const MemberGuildSettingsSchema = z.object({
  guild_id: z.string().optional(),
  display_name: nullableString,
  avatar_url: nullableString,
  /** null = use the member's own keep_proxy. */
  keep_proxy: z.boolean().nullable().default(null),
});
export type MemberGuildSettings = z.infer<typeof MemberGuildSettingsSchema>;

export const AutoproxyModeSchema = z.enum(['off', 'front', 'latch', 'member']);
export type AutoproxyMode = z.infer<typeof AutoproxyModeSchema>;

export const AutoproxySettingsSchema = z.object({
  autoproxy_mode: AutoproxyModeSchema,
  /** Member short ID. */
  autoproxy_member: nullableString,
  last_latch_timestamp: nullableString,
});
export type AutoproxySettings = z.infer<typeof AutoproxySettingsSchema>;

type OwnerOnlySettingsKey = Exclude<keyof SystemSettings, keyof PublicSystemSettings>;

/**
 * What `GET /systems/{ref}/settings` returns: the full settings for the owner, the public subset
 * for anyone else. Owner-only keys are typed `undefined` on the public side so `settings.timezone`
 * can be read (and narrowed) without a cast.
 */
export type SystemSettingsView =
  | SystemSettings
  | (PublicSystemSettings & { [K in OwnerOnlySettingsKey]?: undefined });

export function isOwnerSettings(settings: SystemSettingsView): settings is SystemSettings {
  return settings.timezone !== undefined;
}
