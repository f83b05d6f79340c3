import { z } from 'zod';
import type { CommandOptions, DirectMessage, Interaction, InteractionPlace, InteractionUser, ResolvedAttachment, ResolvedChannel } from './interaction.js';

/*
 * The raw interaction payload (discord-api-types' APIInteraction) read with zod: Discord validates
 * options client-side only, and over HTTP anyone can POST, so nothing is trusted before this. Only
 * what the core uses is read; unknown keys are ignored, unknown kinds give null.
 */

const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const CommandType = { ChatInput: 1, Message: 3 } as const;
const OptionType = { Subcommand: 1, SubcommandGroup: 2, User: 6, Attachment: 11 } as const;
const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3, TextInput: 4, Label: 18 } as const;
const PLACES: Record<number, InteractionPlace> = { 0: 'guild', 1: 'bot-dm', 2: 'private-channel' };

const snowflake = z.string().regex(/^\d{1,20}$/);

const userSchema = z.object({
  id: snowflake,
  username: z.string().max(100).catch('unknown'),
  global_name: z.string().max(100).nullish(),
});

type RawOption = {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: RawOption[] | undefined;
};
const optionSchema: z.ZodType<RawOption> = z.lazy(() =>
  z.object({
    name: z.string().max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(optionSchema).max(25).optional(),
  }),
);

const attachmentSchema = z.object({
  id: snowflake,
  filename: z.string().max(1024),
  size: z.number().int().nonnegative(),
  url: z.string().url(),
  content_type: z.string().max(255).nullish(),
});

const resolvedChannelSchema = z.object({
  id: snowflake,
  type: z.number().int(),
  permissions: z.string().regex(/^\d{1,32}$/).optional(),
});

const messageSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  content: z.string().max(10_000).catch(''),
  attachments: z.array(z.unknown()).catch([]),
  author: z.object({ id: snowflake }),
});

type RawComponent = { type: number; custom_id?: string | undefined; value?: string | undefined; component?: RawComponent | undefined; components?: RawComponent[] | undefined };
const componentSchema: z.ZodType<RawComponent> = z.lazy(() =>
  z.object({
    type: z.number().int(),
    custom_id: z.string().max(100).optional(),
    value: z.string().max(4000).optional(),
    component: componentSchema.optional(),
    components: z.array(componentSchema).max(25).optional(),
  }),
);

const dataSchema = z.object({
  name: z.string().max(32).optional(),
  type: z.number().int().optional(),
  options: z.array(optionSchema).max(25).optional(),
  target_id: snowflake.optional(),
  resolved: z
    .object({
      messages: z.record(z.string(), messageSchema).optional(),
      attachments: z.record(z.string(), attachmentSchema).optional(),
      channels: z.record(z.string(), resolvedChannelSchema).optional(),
    })
    .optional(),
  custom_id: z.string().max(100).optional(),
  component_type: z.number().int().optional(),
  values: z.array(z.string().max(100)).max(25).optional(),
  components: z.array(componentSchema).max(25).optional(),
});

const payloadSchema = z.object({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(500),
  data: dataSchema.optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake }).optional(),
  member: z.object({ user: userSchema, permissions: z.string().max(32).optional() }).optional(),
  user: userSchema.optional(),
  message: z.object({ id: snowflake }).optional(),
  app_permissions: z.string().max(32).optional(),
  context: z.number().int().optional(),
});

function toUser(raw: z.infer<typeof userSchema>): InteractionUser {
  return { id: raw.id, username: raw.username, globalName: raw.global_name ?? null };
}

/** Flattens Discord's nested option tree into names → values, whatever the command shape. */
function collectOptions(options: readonly RawOption[], attachments: Record<string, ResolvedAttachment>, channels: Record<string, ResolvedChannel>): CommandOptions {
  let group: string | null = null;
  let subcommand: string | null = null;
  let leaves = options;
  const first = options[0];
  if (first?.type === OptionType.SubcommandGroup) {
    group = first.name;
    const sub = first.options?.[0];
    subcommand = sub?.name ?? null;
    leaves = sub?.options ?? [];
  } else if (first?.type === OptionType.Subcommand) {
    subcommand = first.name;
    leaves = first.options ?? [];
  }
  const values: CommandOptions['values'] = {};
  let focused: CommandOptions['focused'] = null;
  for (const option of leaves) {
    if (option.value !== undefined) values[option.name] = option.value;
    if (option.focused) focused = { name: option.name, value: String(option.value ?? '') };
  }
  return { group, subcommand, values, focused, attachments, channels };
}

function modalFields(components: readonly RawComponent[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const visit = (component: RawComponent): void => {
    if (component.type === ComponentType.TextInput && component.custom_id !== undefined) fields[component.custom_id] = component.value ?? '';
    if (component.component) visit(component.component);
    for (const child of component.components ?? []) visit(child);
  };
  components.forEach(visit);
  return fields;
}

/** The core's interaction, or null for a payload it does not handle (PING, user menus, malformed). */
export function parseInteraction(raw: unknown): Interaction | null {
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  const payload = parsed.data;
  const rawUser = payload.member?.user ?? payload.user;
  const data = payload.data;
  if (!rawUser || !data) return null;
  const common = {
    id: payload.id,
    token: payload.token,
    applicationId: payload.application_id,
    user: toUser(rawUser),
    guildId: payload.guild_id ?? null,
    channelId: payload.channel_id ?? payload.channel?.id ?? null,
    place: payload.context === undefined ? null : (PLACES[payload.context] ?? null),
    appPermissions: payload.app_permissions ?? null,
    memberPermissions: payload.member?.permissions ?? null,
  };
  const attachments: Record<string, ResolvedAttachment> = Object.fromEntries(
    Object.entries(data.resolved?.attachments ?? {}).map(([id, a]) => [id, { id: a.id, filename: a.filename, size: a.size, url: a.url, contentType: a.content_type ?? null }]),
  );
  const channels: Record<string, ResolvedChannel> = Object.fromEntries(
    Object.entries(data.resolved?.channels ?? {}).map(([id, c]) => [id, { id: c.id, type: c.type, permissions: c.permissions ?? null }]),
  );
  switch (payload.type) {
    case InteractionType.ApplicationCommand: {
      if (!data.name) return null;
      if (data.type === CommandType.Message) {
        const target = data.target_id ? data.resolved?.messages?.[data.target_id] : undefined;
        if (!target) return null;
        return {
          ...common,
          kind: 'message-menu',
          commandName: data.name,
          target: { id: target.id, channelId: target.channel_id, content: target.content, attachmentCount: target.attachments.length, authorId: target.author.id },
        };
      }
      if (data.type !== undefined && data.type !== CommandType.ChatInput) return null;
      return { ...common, kind: 'command', commandName: data.name, options: collectOptions(data.options ?? [], attachments, channels) };
    }
    case InteractionType.Autocomplete:
      if (!data.name) return null;
      return { ...common, kind: 'autocomplete', commandName: data.name, options: collectOptions(data.options ?? [], attachments, channels) };
    case InteractionType.MessageComponent: {
      if (data.custom_id === undefined) return null;
      const messageId = payload.message?.id ?? null;
      if (data.component_type === ComponentType.Button) return { ...common, kind: 'button', customId: data.custom_id, messageId };
      if (data.component_type === ComponentType.StringSelect) return { ...common, kind: 'select', customId: data.custom_id, values: data.values ?? [], messageId };
      return null;
    }
    case InteractionType.ModalSubmit:
      if (data.custom_id === undefined) return null;
      return { ...common, kind: 'modal', customId: data.custom_id, fields: modalFields(data.components ?? []) };
    default:
      return null;
  }
}

const directMessageSchema = z.object({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
  author: userSchema.extend({ bot: z.boolean().optional() }),
  content: z.string().max(10_000).catch(''),
});

/** A MESSAGE_CREATE from a person in a DM with the bot, or null (servers, bots, malformed). */
export function parseDirectMessage(raw: unknown): DirectMessage | null {
  const parsed = directMessageSchema.safeParse(raw);
  if (!parsed.success || parsed.data.guild_id !== undefined || parsed.data.author.bot) return null;
  return { id: parsed.data.id, channelId: parsed.data.channel_id, author: toUser(parsed.data.author), content: parsed.data.content };
}

export { InteractionType };
