import { ApplicationCommandOptionType, ChannelType, type APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { z } from 'zod';

/*
 * One declaration per option. A field yields the Discord option JSON, the zod schema that reads
 * the raw value (Discord validates client-side only, so anything may arrive), the handler's type,
 * how it shows in a modal form, and which PATCH key it writes. Limits are passed in once (from
 * PluralKit's `Limits`) and used for both the option's `max_length` and the schema.
 */

/** Named sources of autocomplete choices; the framework maps them to the caller's own data. */
export type AutocompleteSource = 'member' | 'members' | 'group' | 'groups' | 'timezone' | 'range';

type OptionType =
  | ApplicationCommandOptionType.String
  | ApplicationCommandOptionType.Integer
  | ApplicationCommandOptionType.Boolean
  | ApplicationCommandOptionType.User
  | ApplicationCommandOptionType.Attachment
  | ApplicationCommandOptionType.Channel;

export interface FormInput {
  label: string;
  style: 'short' | 'paragraph';
  maxLength: number;
  placeholder?: string;
}

export interface PatchTarget<T> {
  /** The key in PluralKit's PATCH body. */
  key: string;
  /** The body value for an option value (default: the value itself). */
  toBody?: (value: T) => unknown;
  /** The body value that clears the field (default: null). */
  cleared?: unknown;
  /** Shows the stored value of this key (default: the field's own `show`, for values of the same type). */
  showStored?: (stored: unknown) => string | null;
}

export interface Field<T = unknown, R extends boolean = boolean> {
  readonly type: OptionType;
  readonly description: string;
  readonly required: R;
  /** How the field is named to people (before → after lines, form labels); default: the option name. */
  readonly label?: string;
  /** Reads the raw option value; issues are phrased to follow the option's name. */
  readonly schema: z.ZodType<T>;
  /** Extra option JSON: lengths, choices, bounds. */
  readonly discord: Partial<
    Pick<
      APIApplicationCommandBasicOption & { max_length: number; min_length: number; min_value: number; max_value: number; choices: Array<{ name: string; value: string }>; channel_types: number[] },
      'max_length' | 'min_length' | 'min_value' | 'max_value' | 'choices' | 'channel_types'
    >
  >;
  readonly autocomplete?: AutocompleteSource;
  /** How the field shows in a modal form, for text-like fields. */
  readonly form?: FormInput;
  /** Where the value goes in a PATCH body. */
  readonly patch?: PatchTarget<T>;
  /** Shows a value back to the user (prefill, before → after). */
  readonly show?: (value: T) => string;
}

export type AnyField = Field<any, boolean>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type FieldValue<F> = F extends Field<infer T, boolean> ? T : never;

interface Common<R extends boolean> {
  description: string;
  required?: R;
  label?: string;
}

function field<T, R extends boolean>(
  base: Omit<Field<T, R>, 'required' | 'discord' | 'label'> & { required: R | undefined; discord?: Field<T, R>['discord']; label?: string | undefined },
): Field<T, R> {
  const { label, ...rest } = base;
  const shownAs = label ?? base.form?.label;
  return { ...rest, required: (base.required ?? false) as R, discord: base.discord ?? {}, ...(shownAs ? { label: shownAs } : {}) };
}

/** Trimmed text of 1..max characters. */
export function text<const R extends boolean = false>(
  options: Common<R> & { max: number; min?: number; autocomplete?: AutocompleteSource; form?: Omit<FormInput, 'maxLength'>; patch?: PatchTarget<string> | string },
): Field<string, R> {
  const min = options.min ?? 1;
  return field({
    type: ApplicationCommandOptionType.String,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z
      .string({ message: 'must be text' })
      .transform((value) => value.trim())
      .check((ctx) => {
        if (ctx.value.length < min) ctx.issues.push({ code: 'custom', input: ctx.value, message: min === 1 ? 'cannot be empty' : `needs at least ${min} characters` });
        if (ctx.value.length > options.max) {
          ctx.issues.push({ code: 'custom', input: ctx.value, message: `is too long (${ctx.value.length}/${options.max} characters)` });
        }
      }),
    discord: { max_length: options.max, ...(options.min !== undefined ? { min_length: options.min } : {}) },
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
    ...(options.form ? { form: { ...options.form, maxLength: options.max } } : {}),
    ...(options.patch ? { patch: typeof options.patch === 'string' ? { key: options.patch } : options.patch } : {}),
    show: (value: string) => value,
  });
}

export function flag<const R extends boolean = false>(options: Common<R> & { patch?: string }): Field<boolean, R> {
  return field({
    type: ApplicationCommandOptionType.Boolean,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z.boolean({ message: 'must be True or False' }),
    ...(options.patch ? { patch: { key: options.patch } } : {}),
    show: (value: boolean) => (value ? 'on' : 'off'),
  });
}

export function integer<const R extends boolean = false>(options: Common<R> & { min: number; max: number }): Field<number, R> {
  return field({
    type: ApplicationCommandOptionType.Integer,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(options.min, { message: `must be at least ${options.min}` })
      .max(options.max, { message: `must be at most ${options.max}` }),
    discord: { min_value: options.min, max_value: options.max },
    show: (value: number) => String(value),
  });
}

/** One of a fixed list; Discord shows the names, the handler gets the value. */
export function choice<const V extends string, const R extends boolean = false>(
  options: Common<R> & { choices: readonly V[] | ReadonlyArray<{ name: string; value: V }>; patch?: string },
): Field<V, R> {
  const entries = options.choices.map((entry) => (typeof entry === 'string' ? { name: entry, value: entry } : entry));
  const values = entries.map((entry) => entry.value);
  return field({
    type: ApplicationCommandOptionType.String,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z.string().refine((value): value is V => (values as string[]).includes(value), {
      message: `must be one of ${values.map((value) => `\`${value}\``).join(', ')}`,
    }) as unknown as z.ZodType<V>,
    discord: { choices: entries },
    ...(options.patch ? { patch: { key: options.patch } } : {}),
    show: (value: V) => entries.find((entry) => entry.value === value)?.name ?? value,
  });
}

/** An option Discord fills with a snowflake (a user, an attachment): the handler gets the ID. */
function snowflakeField<const R extends boolean>(type: ApplicationCommandOptionType.User | ApplicationCommandOptionType.Attachment, message: string, options: Common<R>): Field<string, R> {
  return field({
    type,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z.string().regex(/^\d{15,21}$/, { message }),
  });
}

/** A Discord user; the handler gets the user's ID. */
export function user<const R extends boolean = false>(options: Common<R>): Field<string, R> {
  return snowflakeField(ApplicationCommandOptionType.User, 'must be a Discord user', options);
}

/**
 * A file the user attaches; the handler gets its ID, and finds the attachment Discord resolved
 * for this interaction with `resolvedAttachment` (the only file a handler may download).
 */
export function attachment<const R extends boolean = false>(options: Common<R>): Field<string, R> {
  return snowflakeField(ApplicationCommandOptionType.Attachment, 'must be an attached file', options);
}

/** A server text channel (text or announcement); the handler gets the channel's ID. */
export function textChannel<const R extends boolean = false>(options: Common<R>): Field<string, R> {
  return field({
    type: ApplicationCommandOptionType.Channel,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z.string().regex(/^\d{15,21}$/, { message: 'must be a channel' }),
    discord: { channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
  });
}

/** Builds a text-typed field around a custom reader (colour, birthday, URL, proxy template…). */
export function parsed<T, const R extends boolean = false>(
  options: Common<R> & {
    max: number;
    read: (input: string) => { ok: true; value: T } | { ok: false; message: string };
    show: (value: T) => string;
    autocomplete?: AutocompleteSource;
    form?: Omit<FormInput, 'maxLength'>;
    patch?: PatchTarget<T> | string;
  },
): Field<T, R> {
  return field<T, R>({
    type: ApplicationCommandOptionType.String,
    description: options.description,
    required: options.required,
    label: options.label,
    schema: z.string({ message: 'must be text' }).transform((value, ctx): T => {
      const trimmed = value.trim();
      if (trimmed.length > options.max) {
        ctx.issues.push({ code: 'custom', input: value, message: `is too long (${trimmed.length}/${options.max} characters)` });
        return z.NEVER;
      }
      const result = options.read(trimmed);
      if (!result.ok) {
        ctx.issues.push({ code: 'custom', input: value, message: result.message });
        return z.NEVER;
      }
      return result.value;
    }),
    discord: { max_length: options.max },
    ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
    ...(options.form ? { form: { ...options.form, maxLength: options.max } } : {}),
    ...(options.patch ? { patch: typeof options.patch === 'string' ? { key: options.patch } : options.patch } : {}),
    show: options.show,
  });
}

/** Makes a field required (for reuse of one declaration as required in one place, optional in another). */
export function required<T>(spec: Field<T, boolean>): Field<T, true> {
  return { ...spec, required: true };
}

export function optional<T>(spec: Field<T, boolean>): Field<T, false> {
  return { ...spec, required: false };
}

/** The same field with another description (e.g. "the member to edit" vs "the member to view"). */
export function describedAs<T, R extends boolean>(spec: Field<T, R>, description: string): Field<T, R> {
  return { ...spec, description };
}

/** The Discord option JSON for a field named `name`. */
export function toOption(name: string, spec: AnyField): APIApplicationCommandBasicOption {
  return {
    type: spec.type,
    name,
    description: spec.description,
    ...(spec.required ? { required: true } : {}),
    ...(spec.autocomplete ? { autocomplete: true } : {}),
    ...spec.discord,
  } as APIApplicationCommandBasicOption;
}
