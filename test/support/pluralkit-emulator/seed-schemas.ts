import { z } from 'zod';
import { GROUP_PRIVACY_KEYS, MEMBER_PRIVACY_KEYS, SYSTEM_PRIVACY_KEYS } from './model.js';

/**
 * Seeds come from tests and from JSON files (CLI), so they are validated like any other boundary.
 * Objects are strict: a misspelt key is a mistake in the test, not something to ignore.
 */

const privacy = z.enum(['public', 'private']);
const hid = z.string().regex(/^[a-z]{5,6}$/, 'short IDs are 5–6 lowercase letters');
const snowflake = z.string().regex(/^\d{1,20}$/, 'Discord IDs are numeric strings');
const timestamp = z.union([z.string(), z.date()]);
const optionalText = z.string().nullable().optional();

function privacyObject<K extends string>(keys: readonly [K, ...K[]]) {
  return z.partialRecord(z.enum(keys), privacy);
}

export const systemSettingsSeedSchema = z
  .strictObject({
    timezone: z.string(),
    pings_enabled: z.boolean(),
    latch_timeout: z.number().int().nullable(),
    member_default_private: z.boolean(),
    group_default_private: z.boolean(),
    show_private_info: z.boolean(),
    member_limit: z.number().int().nonnegative(),
    group_limit: z.number().int().nonnegative(),
    case_sensitive_proxy_tags: z.boolean(),
    proxy_error_message_enabled: z.boolean(),
    hid_display_split: z.boolean(),
    hid_display_caps: z.boolean(),
    hid_list_padding: z.enum(['off', 'left', 'right']),
    card_show_color_hex: z.boolean(),
    proxy_switch: z.enum(['off', 'new', 'add']),
    name_format: z.string().nullable(),
    description_templates: z.array(z.string()),
  })
  .partial();

export const systemSeedSchema = z.strictObject({
  id: hid.optional(),
  uuid: z.string().optional(),
  token: z.string().min(1).nullable().optional(),
  accounts: z.array(snowflake).optional(),
  name: optionalText,
  description: optionalText,
  tag: optionalText,
  pronouns: optionalText,
  avatar_url: optionalText,
  banner: optionalText,
  color: optionalText,
  created: timestamp.optional(),
  webhook_url: optionalText,
  privacy: privacyObject(SYSTEM_PRIVACY_KEYS).optional(),
  settings: systemSettingsSeedSchema.optional(),
});

const proxyTag = z.strictObject({ prefix: z.string().nullable().optional(), suffix: z.string().nullable().optional() });

export const memberSeedSchema = z.strictObject({
  name: z.string().trim().min(1),
  id: hid.optional(),
  uuid: z.string().optional(),
  display_name: optionalText,
  color: optionalText,
  birthday: optionalText,
  pronouns: optionalText,
  avatar_url: optionalText,
  webhook_avatar_url: optionalText,
  banner: optionalText,
  description: optionalText,
  keep_proxy: z.boolean().optional(),
  tts: z.boolean().optional(),
  autoproxy_enabled: z.boolean().optional(),
  proxy_tags: z.array(proxyTag).optional(),
  created: timestamp.nullable().optional(),
  message_count: z.number().int().nonnegative().nullable().optional(),
  last_message_timestamp: timestamp.nullable().optional(),
  privacy: privacyObject(MEMBER_PRIVACY_KEYS).optional(),
});

export const groupSeedSchema = z.strictObject({
  name: z.string().trim().min(1),
  id: hid.optional(),
  uuid: z.string().optional(),
  display_name: optionalText,
  description: optionalText,
  icon: optionalText,
  banner: optionalText,
  color: optionalText,
  created: timestamp.nullable().optional(),
  privacy: privacyObject(GROUP_PRIVACY_KEYS).optional(),
  members: z.array(z.string()).optional(),
});

export const switchSeedSchema = z.strictObject({
  timestamp: timestamp,
  members: z.array(z.string()),
});

export const messageSeedSchema = z.strictObject({
  id: snowflake,
  original: snowflake.optional(),
  sender: snowflake,
  channel: snowflake,
  guild: snowflake.nullable().optional(),
  system: z.string().nullable(),
  member: z.string().nullable(),
});

export const systemGuildSeedSchema = z
  .strictObject({
    proxying_enabled: z.boolean(),
    tag: z.string().nullable(),
    tag_enabled: z.boolean(),
    avatar_url: z.string().nullable(),
    display_name: z.string().nullable(),
    name_format: z.string().nullable(),
  })
  .partial();

export const memberGuildSeedSchema = z
  .strictObject({
    display_name: z.string().nullable(),
    avatar_url: z.string().nullable(),
    keep_proxy: z.boolean().nullable(),
  })
  .partial();

export const autoproxySeedSchema = z.strictObject({
  autoproxy_mode: z.enum(['off', 'front', 'latch', 'member']),
  autoproxy_member: z.string().nullable().optional(),
  last_latch_timestamp: timestamp.nullable().optional(),
});

export type SystemSeed = z.input<typeof systemSeedSchema>;
export type MemberSeed = z.input<typeof memberSeedSchema>;
export type GroupSeed = Omit<z.input<typeof groupSeedSchema>, 'members'>;
export type SwitchSeed = z.input<typeof switchSeedSchema>;
export type MessageSeed = z.input<typeof messageSeedSchema>;
export type AutoproxySeed = z.input<typeof autoproxySeedSchema>;
