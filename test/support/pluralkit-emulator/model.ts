/**
 * Stored records of the emulator. Timestamps are kept as integer microseconds since the UNIX
 * epoch because PluralKit stores Postgres µs precision and exposes it (e.g. `…06.593446Z`);
 * a JS Date would silently drop the last three digits and break `before` paging and 40005 checks.
 */

export type Privacy = 'public' | 'private';
export type Micros = number;

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
export type SystemPrivacyKey = (typeof SYSTEM_PRIVACY_KEYS)[number];

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
export type MemberPrivacyKey = (typeof MEMBER_PRIVACY_KEYS)[number];

export const GROUP_PRIVACY_KEYS = [
  'name_privacy',
  'description_privacy',
  'banner_privacy',
  'icon_privacy',
  'list_privacy',
  'metadata_privacy',
  'visibility',
] as const;
export type GroupPrivacyKey = (typeof GROUP_PRIVACY_KEYS)[number];

export type PrivacyMap<K extends string> = Record<K, Privacy>;

export function allPublic<K extends string>(keys: readonly K[]): PrivacyMap<K> {
  return Object.fromEntries(keys.map((key) => [key, 'public'])) as PrivacyMap<K>;
}

export type HidListPadding = 'off' | 'left' | 'right';
export type ProxySwitchMode = 'off' | 'new' | 'add';

export interface SystemSettingsRecord {
  timezone: string;
  pings_enabled: boolean;
  latch_timeout: number | null;
  member_default_private: boolean;
  group_default_private: boolean;
  show_private_info: boolean;
  member_limit: number;
  group_limit: number;
  case_sensitive_proxy_tags: boolean;
  proxy_error_message_enabled: boolean;
  hid_display_split: boolean;
  hid_display_caps: boolean;
  hid_list_padding: HidListPadding;
  card_show_color_hex: boolean;
  proxy_switch: ProxySwitchMode;
  name_format: string | null;
  description_templates: string[];
}

export function defaultSystemSettings(): SystemSettingsRecord {
  return {
    timezone: 'UTC',
    pings_enabled: true,
    latch_timeout: null,
    member_default_private: false,
    group_default_private: false,
    show_private_info: true,
    member_limit: 1000,
    group_limit: 250,
    case_sensitive_proxy_tags: true,
    proxy_error_message_enabled: true,
    hid_display_split: false,
    hid_display_caps: false,
    hid_list_padding: 'off',
    card_show_color_hex: false,
    proxy_switch: 'off',
    name_format: null,
    description_templates: [],
  };
}

export interface SystemRecord {
  id: string;
  uuid: string;
  token: string | null;
  accounts: string[];
  name: string | null;
  description: string | null;
  tag: string | null;
  pronouns: string | null;
  avatar_url: string | null;
  banner: string | null;
  color: string | null;
  created: Micros;
  webhook_url: string | null;
  /** Dispatch signing token, stored with `webhook_url` by `pk;system webhook`; the API never shows it. */
  webhook_token?: string | null;
  privacy: PrivacyMap<SystemPrivacyKey>;
  settings: SystemSettingsRecord;
}

export interface ProxyTag {
  prefix: string | null;
  suffix: string | null;
}

export interface MemberRecord {
  id: string;
  uuid: string;
  systemUuid: string;
  name: string;
  display_name: string | null;
  color: string | null;
  birthday: string | null;
  pronouns: string | null;
  avatar_url: string | null;
  webhook_avatar_url: string | null;
  banner: string | null;
  description: string | null;
  created: Micros | null;
  keep_proxy: boolean;
  tts: boolean;
  autoproxy_enabled: boolean;
  message_count: number | null;
  last_message_timestamp: Micros | null;
  proxy_tags: ProxyTag[];
  privacy: PrivacyMap<MemberPrivacyKey>;
}

export interface GroupRecord {
  id: string;
  uuid: string;
  systemUuid: string;
  name: string;
  display_name: string | null;
  description: string | null;
  icon: string | null;
  banner: string | null;
  color: string | null;
  created: Micros | null;
  privacy: PrivacyMap<GroupPrivacyKey>;
  /** Member UUIDs in insertion order. */
  members: string[];
}

export interface SwitchRecord {
  uuid: string;
  systemUuid: string;
  timestamp: Micros;
  /** Member UUIDs in the order they were given. */
  members: string[];
}

export interface MessageRecord {
  id: string;
  original: string | null;
  sender: string;
  channel: string;
  guild: string | null;
  systemUuid: string | null;
  memberUuid: string | null;
}

export interface SystemGuildSettingsRecord {
  proxying_enabled: boolean;
  tag: string | null;
  tag_enabled: boolean;
  avatar_url: string | null;
  display_name: string | null;
  name_format: string | null;
}

export function defaultSystemGuildSettings(): SystemGuildSettingsRecord {
  return { proxying_enabled: true, tag: null, tag_enabled: true, avatar_url: null, display_name: null, name_format: null };
}

export interface MemberGuildSettingsRecord {
  display_name: string | null;
  avatar_url: string | null;
  keep_proxy: boolean | null;
}

export function defaultMemberGuildSettings(): MemberGuildSettingsRecord {
  return { display_name: null, avatar_url: null, keep_proxy: null };
}

export type AutoproxyMode = 'off' | 'front' | 'latch' | 'member';
export const AUTOPROXY_MODES: readonly AutoproxyMode[] = ['off', 'front', 'latch', 'member'];

export interface AutoproxyRecord {
  autoproxy_mode: AutoproxyMode;
  memberUuid: string | null;
  last_latch_timestamp: Micros | null;
}
