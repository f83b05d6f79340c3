import { z } from 'zod';
import { PluralKitError, type FieldErrors } from './errors.js';
import { AutoproxyModeSchema, GROUP_PRIVACY_KEYS, MEMBER_PRIVACY_KEYS, SYSTEM_PRIVACY_KEYS } from './models.js';
import { normalizeEntityRef, normalizeUuid } from './refs.js';

/*
 * Request bodies with PluralKit's own limits (reference §3), so invalid input is refused before
 * a request is made and the user hears which field broke which limit. Lengths are UTF-16 code
 * units, which is what both JavaScript's `length` and the server's .NET `string.Length` count.
 */

export const Limits = {
  name: 100,
  displayName: 100,
  description: 1000,
  systemTag: 79,
  pronouns: 100,
  url: 256,
  proxyTags: 100,
  proxyTagTotal: 100,
  descriptionTemplates: 3,
  descriptionTemplate: 1000,
  switchListPage: 100,
} as const;

/** Marks a check's issue with the lengths so the field error can carry them like the server's. */
interface LengthParams {
  max_length: number;
  actual_length: number;
}

function boundedString(max: number) {
  return z.string().check((ctx) => {
    const length = ctx.value.length;
    if (length > max) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `is too long (${length}/${max} characters)`,
        params: { max_length: max, actual_length: length } satisfies LengthParams,
      });
    }
  });
}

const HEX_COLOR = /^[0-9a-fA-F]{6}$/;
const colorField = z.string().regex(HEX_COLOR, { message: 'must be a 6-digit hex colour like ff7000 (no #)' });

const httpsUrlField = boundedString(Limits.url).refine(
  (value) => {
    if (value === '') return true; // the server stores an empty string as "cleared"
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  },
  { message: 'must be an https:// URL' },
);

const BIRTHDAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date; year 0004 (or legacy 0001) means "year hidden", and 0004 is a leap year. */
export function isValidBirthday(value: string): boolean {
  const match = BIRTHDAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const birthdayField = z.string().refine(isValidBirthday, {
  message: 'must be a real date as YYYY-MM-DD (use year 0004 to hide the year)',
});

const privacyLevel = z.enum(['public', 'private'], { message: "must be 'public' or 'private'" });

function privacyPatch<K extends readonly string[]>(keys: K) {
  const shape = Object.fromEntries(keys.map((key) => [key, privacyLevel.optional()])) as {
    [P in K[number]]: z.ZodOptional<typeof privacyLevel>;
  };
  return z.strictObject(shape);
}

const ProxyTagInputSchema = z
  .strictObject({
    prefix: z.string().nullable().optional(),
    suffix: z.string().nullable().optional(),
  })
  .check((ctx) => {
    const prefix = ctx.value.prefix ?? '';
    const suffix = ctx.value.suffix ?? '';
    if (prefix === '' && suffix === '') {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'needs a prefix or a suffix' });
      return;
    }
    // The server measures `prefix + "text" + suffix`.
    const length = prefix.length + 4 + suffix.length;
    if (length > Limits.proxyTagTotal) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `is too long (prefix + text + suffix is ${length}/${Limits.proxyTagTotal} characters)`,
        params: { max_length: Limits.proxyTagTotal, actual_length: length } satisfies LengthParams,
      });
    }
  });

const proxyTagsField = z.array(ProxyTagInputSchema).check((ctx) => {
  if (ctx.value.length > Limits.proxyTags) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `has too many tags (${ctx.value.length}/${Limits.proxyTags})`,
      params: { max_length: Limits.proxyTags, actual_length: ctx.value.length } satisfies LengthParams,
    });
  }
});

const nameField = boundedString(Limits.name).refine((value) => value.trim() !== '', { message: 'cannot be empty' });

// --- systems -------------------------------------------------------------------------------

export const SystemPatchSchema = z.strictObject({
  name: boundedString(Limits.name).nullable().optional(),
  description: boundedString(Limits.description).nullable().optional(),
  tag: boundedString(Limits.systemTag).nullable().optional(),
  pronouns: boundedString(Limits.pronouns).nullable().optional(),
  avatar_url: httpsUrlField.nullable().optional(),
  banner: httpsUrlField.nullable().optional(),
  color: colorField.nullable().optional(),
  privacy: privacyPatch(SYSTEM_PRIVACY_KEYS).optional(),
});
export type SystemPatch = z.input<typeof SystemPatchSchema>;

export const ProxySwitchModeInput = z.enum(['off', 'new', 'add'], { message: "must be 'off', 'new' or 'add'" });

export const SystemSettingsPatchSchema = z.strictObject({
  timezone: z.string().refine((value) => value.trim() !== '', { message: 'cannot be empty' }).optional(),
  pings_enabled: z.boolean().optional(),
  latch_timeout: z.number().int().min(0, { message: 'cannot be negative' }).nullable().optional(),
  member_default_private: z.boolean().optional(),
  group_default_private: z.boolean().optional(),
  description_templates: z
    .array(boundedString(Limits.descriptionTemplate))
    .check((ctx) => {
      if (ctx.value.length > Limits.descriptionTemplates) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `has too many templates (${ctx.value.length}/${Limits.descriptionTemplates})`,
          params: { max_length: Limits.descriptionTemplates, actual_length: ctx.value.length } satisfies LengthParams,
        });
      }
    })
    .optional(),
  case_sensitive_proxy_tags: z.boolean().optional(),
  proxy_error_message_enabled: z.boolean().optional(),
  hid_display_split: z.boolean().optional(),
  hid_display_caps: z.boolean().optional(),
  card_show_color_hex: z.boolean().optional(),
  proxy_switch: ProxySwitchModeInput.optional(),
  name_format: z.string().nullable().optional(),
});
export type SystemSettingsPatch = z.input<typeof SystemSettingsPatchSchema>;

export const SystemGuildSettingsPatchSchema = z.strictObject({
  proxying_enabled: z.boolean().optional(),
  tag: boundedString(Limits.systemTag).nullable().optional(),
  tag_enabled: z.boolean().optional(),
  avatar_url: httpsUrlField.nullable().optional(),
  display_name: boundedString(Limits.displayName).nullable().optional(),
  name_format: z.string().nullable().optional(),
});
export type SystemGuildSettingsPatch = z.input<typeof SystemGuildSettingsPatchSchema>;

const memberRefField = z.string().transform((value, ctx) => {
  const ref = normalizeEntityRef(value);
  if (ref === null) {
    ctx.issues.push({ code: 'custom', input: value, message: `"${value.slice(0, 40)}" is not a member ID or UUID` });
    return z.NEVER;
  }
  return ref;
});

const groupRefField = z.string().transform((value, ctx) => {
  const ref = normalizeEntityRef(value);
  if (ref === null) {
    ctx.issues.push({ code: 'custom', input: value, message: `"${value.slice(0, 40)}" is not a group ID or UUID` });
    return z.NEVER;
  }
  return ref;
});

export const AutoproxyPatchSchema = z
  .strictObject({
    autoproxy_mode: z.enum(AutoproxyModeSchema.options, { message: "must be 'off', 'front', 'latch' or 'member'" }).optional(),
    autoproxy_member: memberRefField.nullable().optional(),
  })
  .check((ctx) => {
    const { autoproxy_mode: mode, autoproxy_member: member } = ctx.value;
    if ((mode === 'off' || mode === 'front') && member != null) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['autoproxy_member'],
        message: `cannot be set when autoproxy_mode is '${mode}'`,
      });
    }
  });
export type AutoproxyPatch = z.input<typeof AutoproxyPatchSchema>;

// --- members -------------------------------------------------------------------------------

const memberFields = {
  display_name: boundedString(Limits.displayName).nullable().optional(),
  color: colorField.nullable().optional(),
  birthday: birthdayField.nullable().optional(),
  pronouns: boundedString(Limits.pronouns).nullable().optional(),
  avatar_url: httpsUrlField.nullable().optional(),
  webhook_avatar_url: httpsUrlField.nullable().optional(),
  banner: httpsUrlField.nullable().optional(),
  description: boundedString(Limits.description).nullable().optional(),
  proxy_tags: proxyTagsField.optional(),
  keep_proxy: z.boolean().optional(),
  tts: z.boolean().optional(),
  privacy: privacyPatch(MEMBER_PRIVACY_KEYS).optional(),
};

export const MemberCreateSchema = z.strictObject({ name: nameField, ...memberFields });
export type MemberCreate = z.input<typeof MemberCreateSchema>;

export const MemberPatchSchema = z.strictObject({ name: nameField.optional(), ...memberFields });
export type MemberPatch = z.input<typeof MemberPatchSchema>;

export const MemberGuildSettingsPatchSchema = z.strictObject({
  display_name: boundedString(Limits.displayName).nullable().optional(),
  avatar_url: httpsUrlField.nullable().optional(),
  keep_proxy: z.boolean().optional(),
});
export type MemberGuildSettingsPatch = z.input<typeof MemberGuildSettingsPatchSchema>;

// --- groups --------------------------------------------------------------------------------

const groupFields = {
  display_name: boundedString(Limits.displayName).nullable().optional(),
  description: boundedString(Limits.description).nullable().optional(),
  icon: httpsUrlField.nullable().optional(),
  banner: httpsUrlField.nullable().optional(),
  color: colorField.nullable().optional(),
  privacy: privacyPatch(GROUP_PRIVACY_KEYS).optional(),
};

export const GroupCreateSchema = z.strictObject({ name: nameField, ...groupFields });
export type GroupCreate = z.input<typeof GroupCreateSchema>;

export const GroupPatchSchema = z.strictObject({ name: nameField.optional(), ...groupFields });
export type GroupPatch = z.input<typeof GroupPatchSchema>;

/** Bulk membership lists are sets; duplicates would make the server fail, so they are dropped. */
function refSet(ref: typeof memberRefField | typeof groupRefField, allowEmpty: boolean) {
  return z
    .array(ref)
    .check((ctx) => {
      if (!allowEmpty && ctx.value.length === 0) {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: 'needs at least one entry' });
      }
    })
    .transform((refs) => [...new Set(refs)]);
}

export const MemberRefsToChangeSchema = refSet(memberRefField, false);
export const MemberRefsToSetSchema = refSet(memberRefField, true);
export const GroupRefsToChangeSchema = refSet(groupRefField, false);
export const GroupRefsToSetSchema = refSet(groupRefField, true);

// --- switches ------------------------------------------------------------------------------

const EXTENDED_ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The server's strict timestamp format (`…Z`, UTC). A string already in that form is kept as is
 * so its microseconds survive (switch paging compares them); other ISO strings and Dates are
 * converted to UTC.
 */
export function toPluralKitTimestamp(value: Date | string): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (EXTENDED_ISO_UTC.test(value)) return Number.isNaN(Date.parse(value.slice(0, 19) + 'Z')) ? null : value;
  if (ISO_WITH_OFFSET.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
  }
  return null;
}

const TIMESTAMP_HINT = 'must be an ISO 8601 date and time like 2026-05-01T14:30:00Z';

const timestampField = z
  .custom<Date | string>((value) => value instanceof Date || typeof value === 'string', { message: TIMESTAMP_HINT })
  .transform((value, ctx) => {
  const timestamp = toPluralKitTimestamp(value);
  if (timestamp === null) {
    ctx.issues.push({ code: 'custom', input: value, message: TIMESTAMP_HINT });
    return z.NEVER;
  }
  return timestamp;
});

function switchMembers() {
  return z.array(memberRefField).check((ctx) => {
    const seen = new Set<string>();
    for (const ref of ctx.value) {
      if (seen.has(ref)) {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: `lists member "${ref}" more than once` });
        return;
      }
      seen.add(ref);
    }
  });
}

export const SwitchCreateSchema = z.strictObject({
  members: switchMembers(),
  timestamp: timestampField.optional(),
});
export type SwitchCreate = z.input<typeof SwitchCreateSchema>;

export const SwitchPatchSchema = z.strictObject({ timestamp: timestampField });
export type SwitchPatch = z.input<typeof SwitchPatchSchema>;

export const SwitchMembersSchema = switchMembers();

export const SwitchListQuerySchema = z.strictObject({
  before: timestampField.optional(),
  limit: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(Limits.switchListPage, { message: `must be at most ${Limits.switchListPage}` })
    .optional(),
});
export type SwitchListQuery = z.input<typeof SwitchListQuerySchema>;

// --- path and query parameters -------------------------------------------------------------

export const SnowflakeSchema = z.string().regex(/^\d{1,20}$/, { message: 'must be a Discord ID (digits only)' });

export const SwitchRefSchema = z.string().transform((value, ctx) => {
  const ref = normalizeUuid(value);
  if (ref === null) {
    ctx.issues.push({ code: 'custom', input: value, message: 'must be a switch UUID' });
    return z.NEVER;
  }
  return ref;
});

export const PathRefSchema = z.string().refine((value) => value.trim() !== '', { message: 'cannot be empty' });

// --- validation entry point ----------------------------------------------------------------

export interface RequestContext {
  method: string;
  route: string;
}

function fieldLabel(path: readonly PropertyKey[], fallback: string): string {
  if (path.length === 0) return fallback;
  let label = typeof path[0] === 'number' ? fallback : '';
  for (const segment of path) {
    if (typeof segment === 'number') label += `[${segment}]`;
    else label += label === '' ? String(segment) : `.${String(segment)}`;
  }
  return label;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined && issue.code !== 'unrecognized_keys') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return issue.message;
  }
}

/**
 * Parses `input` or throws a PluralKitError of kind 'invalid-request' whose message names each
 * field and the limit it broke. `what` names the whole value (e.g. "members") for top-level issues.
 */
export function validateRequest<S extends z.ZodType>(schema: S, input: unknown, context: RequestContext, what = 'body'): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  const messages: string[] = [];
  for (const issue of result.error.issues) {
    const field = fieldLabel(issue.path, what);
    const text = `${field} ${describeIssue(issue)}`;
    const params = issue.code === 'custom' ? (issue.params as Partial<LengthParams> | undefined) : undefined;
    (fieldErrors[field] ??= []).push({
      message: text,
      ...(params?.max_length !== undefined ? { max_length: params.max_length } : {}),
      ...(params?.actual_length !== undefined ? { actual_length: params.actual_length } : {}),
    });
    messages.push(text);
  }
  throw new PluralKitError({
    kind: 'invalid-request',
    message: messages.join('; '),
    method: context.method,
    route: context.route,
    fieldErrors,
  });
}

function isSomething(value: unknown): boolean {
  if (value === undefined) return false;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return Object.values(value).some(isSomething);
  return true;
}

/** A PATCH with nothing in it is refused by the server with a bare 400, so refuse it here instead. */
export function validatePatch<S extends z.ZodType>(schema: S, input: unknown, context: RequestContext): z.output<S> {
  const parsed = validateRequest(schema, input, context);
  const hasField = Object.values(parsed as Record<string, unknown>).some(isSomething);
  if (!hasField) {
    throw new PluralKitError({
      kind: 'invalid-request',
      message: 'Nothing to change: the update has no fields.',
      method: context.method,
      route: context.route,
      fieldErrors: { body: [{ message: 'body has no fields to change' }] },
    });
  }
  return parsed;
}
