import { errors } from './errors.js';
import {
  GROUP_PRIVACY_KEYS,
  MEMBER_PRIVACY_KEYS,
  SYSTEM_PRIVACY_KEYS,
  type GroupRecord,
  type MemberGuildSettingsRecord,
  type MemberRecord,
  type ProxySwitchMode,
  type SystemGuildSettingsRecord,
  type SystemRecord,
  type SystemSettingsRecord,
} from './model.js';
import {
  FieldErrors,
  birthdayField,
  coerceText,
  colorField,
  limitedText,
  privacyPatch,
  proxyTagsField,
  readBoolean,
  readInteger,
  readNullableText,
  urlField,
  type JsonObject,
} from './validation.js';

/**
 * Body → change set for each writable model (reference §3). Each function throws generic 400 for
 * type errors, 40001 for field errors, and generic 400 when nothing recognised would change
 * (reference §1.8: PATCH {} is not 40001).
 */

function has(body: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(body, key);
}

function finish<T extends object>(fieldErrors: FieldErrors, changes: T, requireChanges: boolean): T {
  fieldErrors.throwIfAny();
  if (requireChanges && Object.keys(changes).length === 0) throw errors.badRequest();
  return changes;
}

type Changes<T> = Partial<T>;

export function parseSystemPatch(body: JsonObject): Changes<SystemRecord> {
  const fieldErrors = new FieldErrors();
  const changes: Changes<SystemRecord> = {};
  if (has(body, 'name')) changes.name = limitedText(fieldErrors, 'name', body.name, 100);
  if (has(body, 'description')) changes.description = limitedText(fieldErrors, 'description', body.description, 1000);
  if (has(body, 'tag')) changes.tag = limitedText(fieldErrors, 'tag', body.tag, 79);
  if (has(body, 'pronouns')) changes.pronouns = limitedText(fieldErrors, 'pronouns', body.pronouns, 100);
  if (has(body, 'avatar_url')) changes.avatar_url = urlField(fieldErrors, 'avatar_url', body.avatar_url);
  if (has(body, 'banner')) changes.banner = urlField(fieldErrors, 'banner', body.banner);
  if (has(body, 'color')) changes.color = colorField(fieldErrors, 'color', body.color);
  const privacy = privacyPatch(fieldErrors, body, SYSTEM_PRIVACY_KEYS);
  if (privacy) changes.privacy = privacy as SystemRecord['privacy'];
  return finish(fieldErrors, changes, true);
}

export function applySystemChanges(system: SystemRecord, changes: Changes<SystemRecord>): void {
  const { privacy, ...rest } = changes;
  Object.assign(system, rest);
  if (privacy) Object.assign(system.privacy, privacy);
}

export type EntityPurpose = 'create' | 'update';

export function parseMemberPatch(body: JsonObject, purpose: EntityPurpose): Changes<MemberRecord> {
  const fieldErrors = new FieldErrors();
  const changes: Changes<MemberRecord> = {};
  if (purpose === 'create' && !has(body, 'name')) {
    fieldErrors.add('name', { message: "Key 'name' is required when creating new member." });
  }
  if (has(body, 'name')) {
    const name = limitedText(fieldErrors, 'name', body.name, 100);
    if (name === null) fieldErrors.add('name', { message: 'Member name can not be set to null.' });
    else changes.name = name;
  }
  if (has(body, 'display_name')) changes.display_name = limitedText(fieldErrors, 'display_name', body.display_name, 100);
  if (has(body, 'color')) changes.color = colorField(fieldErrors, 'color', body.color)?.toLowerCase() ?? null;
  if (has(body, 'birthday')) changes.birthday = birthdayField(fieldErrors, body.birthday);
  if (has(body, 'pronouns')) changes.pronouns = limitedText(fieldErrors, 'pronouns', body.pronouns, 100);
  if (has(body, 'avatar_url')) changes.avatar_url = urlField(fieldErrors, 'avatar_url', body.avatar_url);
  if (has(body, 'webhook_avatar_url')) {
    const webhookAvatar = urlField(fieldErrors, 'webhook_avatar_url', body.webhook_avatar_url);
    // Production stores a webhook avatar equal to the avatar sent alongside it as "not set".
    changes.webhook_avatar_url = has(body, 'avatar_url') && webhookAvatar === changes.avatar_url ? null : webhookAvatar;
  }
  if (has(body, 'banner')) changes.banner = urlField(fieldErrors, 'banner', body.banner);
  if (has(body, 'description')) changes.description = limitedText(fieldErrors, 'description', body.description, 1000);
  if (has(body, 'proxy_tags')) changes.proxy_tags = proxyTagsField(fieldErrors, body.proxy_tags);
  if (has(body, 'keep_proxy')) changes.keep_proxy = readBoolean(body.keep_proxy);
  if (has(body, 'tts')) changes.tts = readBoolean(body.tts);
  const privacy = privacyPatch(fieldErrors, body, MEMBER_PRIVACY_KEYS);
  if (privacy) changes.privacy = privacy as MemberRecord['privacy'];
  return finish(fieldErrors, changes, purpose === 'update');
}

export function applyMemberChanges(member: MemberRecord, changes: Changes<MemberRecord>): void {
  const { privacy, ...rest } = changes;
  Object.assign(member, rest);
  if (privacy) Object.assign(member.privacy, privacy);
}

export function parseGroupPatch(body: JsonObject, purpose: EntityPurpose): Changes<GroupRecord> {
  const fieldErrors = new FieldErrors();
  const changes: Changes<GroupRecord> = {};
  if (purpose === 'create' && !has(body, 'name')) {
    fieldErrors.add('name', { message: "Key 'name' is required when creating new group." });
  }
  if (has(body, 'name')) {
    const name = limitedText(fieldErrors, 'name', body.name, 100);
    if (name === null) fieldErrors.add('name', { message: 'Group name can not be set to null.' });
    else changes.name = name;
  }
  if (has(body, 'display_name')) changes.display_name = limitedText(fieldErrors, 'display_name', body.display_name, 100);
  if (has(body, 'description')) changes.description = limitedText(fieldErrors, 'description', body.description, 1000);
  if (has(body, 'icon')) changes.icon = urlField(fieldErrors, 'icon', body.icon);
  if (has(body, 'banner')) changes.banner = urlField(fieldErrors, 'banner', body.banner);
  if (has(body, 'color')) changes.color = colorField(fieldErrors, 'color', body.color)?.toLowerCase() ?? null;
  const privacy = privacyPatch(fieldErrors, body, GROUP_PRIVACY_KEYS);
  if (privacy) changes.privacy = privacy as GroupRecord['privacy'];
  return finish(fieldErrors, changes, purpose === 'update');
}

export function applyGroupChanges(group: GroupRecord, changes: Changes<GroupRecord>): void {
  const { privacy, ...rest } = changes;
  Object.assign(group, rest);
  if (privacy) Object.assign(group.privacy, privacy);
}

function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const SETTINGS_BOOLEANS = [
  'pings_enabled',
  'member_default_private',
  'group_default_private',
  'case_sensitive_proxy_tags',
  'proxy_error_message_enabled',
  'hid_display_split',
  'hid_display_caps',
  'card_show_color_hex',
] as const;

const MAX_DESCRIPTION_TEMPLATES = 3;
const MAX_DESCRIPTION_TEMPLATE_LENGTH = 1000;

export function parseSettingsPatch(body: JsonObject): Changes<SystemSettingsRecord> {
  const fieldErrors = new FieldErrors();
  const changes: Changes<SystemSettingsRecord> = {};
  if (has(body, 'timezone')) {
    if (body.timezone === null) throw errors.internal();
    const zone = coerceText(body.timezone) ?? '';
    if (zone === '' || !isKnownTimezone(zone)) fieldErrors.invalid('timezone');
    else changes.timezone = zone;
  }
  for (const key of SETTINGS_BOOLEANS) if (has(body, key)) changes[key] = readBoolean(body[key]);
  if (has(body, 'latch_timeout')) changes.latch_timeout = body.latch_timeout === null ? null : readInteger(body.latch_timeout);
  if (has(body, 'proxy_switch')) {
    const mode = coerceText(body.proxy_switch);
    changes.proxy_switch = mode === 'new' || mode === 'add' ? (mode as ProxySwitchMode) : 'off';
  }
  if (has(body, 'name_format')) changes.name_format = coerceText(body.name_format);
  if (has(body, 'description_templates')) {
    const templates = body.description_templates;
    if (!Array.isArray(templates)) throw errors.badRequest();
    const texts = templates.map((entry) => coerceText(entry) ?? '');
    if (texts.length > MAX_DESCRIPTION_TEMPLATES) {
      fieldErrors.tooLong('description_templates', texts.length, MAX_DESCRIPTION_TEMPLATES);
    }
    texts.forEach((text, index) => {
      // Production builds this error with max and actual swapped; reproduced on purpose.
      if (text.length > MAX_DESCRIPTION_TEMPLATE_LENGTH) {
        fieldErrors.tooLong(`description_templates[${index}]`, MAX_DESCRIPTION_TEMPLATE_LENGTH, text.length);
      }
    });
    changes.description_templates = texts;
  }
  return finish(fieldErrors, changes, true);
}

export function parseSystemGuildPatch(body: JsonObject): Changes<SystemGuildSettingsRecord> {
  const fieldErrors = new FieldErrors();
  const changes: Changes<SystemGuildSettingsRecord> = {};
  if (has(body, 'proxying_enabled') && body.proxying_enabled !== null) changes.proxying_enabled = readBoolean(body.proxying_enabled);
  if (has(body, 'tag')) changes.tag = limitedText(fieldErrors, 'tag', body.tag, 79);
  if (has(body, 'tag_enabled') && body.tag_enabled !== null) changes.tag_enabled = readBoolean(body.tag_enabled);
  if (has(body, 'avatar_url')) changes.avatar_url = urlField(fieldErrors, 'avatar_url', body.avatar_url);
  if (has(body, 'display_name')) changes.display_name = limitedText(fieldErrors, 'display_name', body.display_name, 100);
  if (has(body, 'name_format')) changes.name_format = readNullableText(body.name_format);
  return finish(fieldErrors, changes, true);
}

export function parseMemberGuildPatch(body: JsonObject): Changes<MemberGuildSettingsRecord> {
  const fieldErrors = new FieldErrors();
  const changes: Changes<MemberGuildSettingsRecord> = {};
  if (has(body, 'display_name')) changes.display_name = limitedText(fieldErrors, 'display_name', body.display_name, 100);
  if (has(body, 'avatar_url')) changes.avatar_url = urlField(fieldErrors, 'avatar_url', body.avatar_url);
  if (has(body, 'keep_proxy')) changes.keep_proxy = readBoolean(body.keep_proxy);
  return finish(fieldErrors, changes, true);
}
