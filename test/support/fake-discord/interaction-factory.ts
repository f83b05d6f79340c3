import { randomBytes } from 'node:crypto';
import { encodeOptions, OptionType } from './slash-options.js';
import { InteractionType } from './interaction-record.js';
import type { StoredMessage } from './message-store.js';
import type { FakeState } from './state.js';
import type {
  AutocompleteInput,
  ButtonInput,
  DirectMessageInput,
  FakeAttachment,
  FakeUser,
  InteractionHandle,
  MessageContextInput,
  ModalSubmitInput,
  SelectMenuInput,
  SlashCommandInput,
} from './types.js';
import { ALL_PERMISSIONS, DEFAULT_USER, apiMember, apiUser } from './users.js';

type Dispatch = (t: string, d: unknown, onSent?: (at: number) => void) => void;

const ApplicationCommandType = { ChatInput: 1, Message: 3 } as const;
const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3, TextInput: 4, Label: 18 } as const;
const ContextType = { Guild: 0, BotDm: 1 } as const;
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

interface Place {
  user: FakeUser;
  guildId: string | null;
  channelId: string;
  fields: Record<string, unknown>;
}

/**
 * Builds INTERACTION_CREATE and MESSAGE_CREATE payloads in the shape discord.js
 * 14.28 accepts (entitlements array, authorizing_integration_owners object,
 * context, app_permissions string, channel_type on DM messages) and dispatches them.
 */
export class InteractionFactory {
  private readonly guildChannels = new Map<string, string>();

  constructor(
    private readonly state: FakeState,
    private readonly dispatch: Dispatch,
  ) {}

  slashCommand(input: SlashCommandInput): InteractionHandle {
    return this.commandInteraction(InteractionType.ApplicationCommand, input, undefined);
  }

  autocomplete(input: AutocompleteInput): InteractionHandle {
    return this.commandInteraction(InteractionType.Autocomplete, input, input.focused);
  }

  button(input: ButtonInput): InteractionHandle {
    return this.component(input, { custom_id: input.customId, component_type: ComponentType.Button });
  }

  selectMenu(input: SelectMenuInput): InteractionHandle {
    return this.component(input, { custom_id: input.customId, component_type: input.componentType ?? ComponentType.StringSelect, values: input.values });
  }

  modalSubmit(input: ModalSubmitInput): InteractionHandle {
    const known = input.messageId ? this.state.messages.get(input.messageId) : undefined;
    const place = this.place({ ...input, channelId: input.channelId ?? known?.channel_id });
    const components = Object.entries(input.fields).map(([customId, value], index) =>
      (input.form ?? 'label') === 'label'
        ? { type: ComponentType.Label, id: index * 2 + 1, component: { type: ComponentType.TextInput, id: index * 2 + 2, custom_id: customId, value } }
        : { type: ComponentType.ActionRow, id: index * 2 + 1, components: [{ type: ComponentType.TextInput, id: index * 2 + 2, custom_id: customId, value }] },
    );
    const message = input.messageId ? (known ?? this.madeUpBotMessage(input.messageId, place.channelId)) : undefined;
    return this.send(InteractionType.ModalSubmit, place, { custom_id: input.customId, components }, message);
  }

  messageContext(input: MessageContextInput): InteractionHandle {
    const place = this.place(input);
    const target: StoredMessage = {
      ...this.messageDefaults(),
      author: apiUser(place.user),
      channel_id: place.channelId,
      ...(place.guildId ? { guild_id: place.guildId } : {}),
      ...input.target,
      flags: input.target.flags ?? 0,
    } as StoredMessage;
    this.state.messages.put(target);
    const registered = this.state.commands.find(input.name, ApplicationCommandType.Message, place.guildId);
    return this.send(InteractionType.ApplicationCommand, place, {
      id: registered?.id ?? this.state.nextId(),
      name: input.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
    });
  }

  directMessage(input: DirectMessageInput): Promise<{ id: string; channelId: string }> {
    const user = this.state.users.remember(input.user);
    const channelId = this.state.dms.channelFor(user.id);
    const id = this.state.nextId();
    const message = {
      ...this.messageDefaults(),
      id,
      channel_id: channelId,
      // Without channel_type discord.js >= 14.26.4 cannot build the uncached DM channel and drops the event.
      channel_type: 1,
      author: apiUser(user),
      content: input.content,
    };
    return new Promise((resolve) => this.dispatch('MESSAGE_CREATE', message, () => resolve({ id, channelId })));
  }

  private component(input: ButtonInput, data: Record<string, unknown>): InteractionHandle {
    const known = input.messageId ? this.state.messages.get(input.messageId) : undefined;
    const place = this.place({ ...input, channelId: input.channelId ?? known?.channel_id });
    const message = known ?? this.madeUpBotMessage(input.messageId ?? this.state.nextId(), place.channelId);
    return this.send(InteractionType.MessageComponent, place, data, message);
  }

  private commandInteraction(type: number, input: SlashCommandInput, focused: string | undefined): InteractionHandle {
    const place = this.place(input);
    const registered = this.state.commands.find(input.name, ApplicationCommandType.ChatInput, place.guildId);
    const { options, users, attachments } = encodeOptions(input, registered, focused, this.state.nextId);
    // Named users first, so an option given only by id picks up the name.
    for (const user of input.resolvedUsers ?? []) this.state.users.remember(user);
    const resolvedUsers = [...(input.resolvedUsers ?? []), ...users].map((u) => this.state.users.remember(u));
    const data: Record<string, unknown> = {
      id: registered?.id ?? this.state.nextId(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(registered?.guild_id ? { guild_id: registered.guild_id } : {}),
    };
    if (resolvedUsers.length > 0) {
      data.resolved = {
        users: Object.fromEntries(resolvedUsers.map((u) => [u.id, apiUser(u)])),
        ...(place.guildId ? { members: Object.fromEntries(resolvedUsers.map((u) => [u.id, withoutUser(apiMember(u))])) } : {}),
      };
    }
    if (attachments.length > 0) data.resolved = { ...(data.resolved as object | undefined), attachments: Object.fromEntries(attachments.map(({ id, file }) => [id, this.resolvedAttachment(id, file)])) };
    const channels = channelOptionValues(options);
    if (channels.length > 0) {
      const invoker = (input.user ?? DEFAULT_USER).id;
      // Discord resolves a CHANNEL option with the invoker's permissions in that channel.
      const resolvedChannels = Object.fromEntries(
        channels.map((channelId) => [
          channelId,
          {
            ...(this.state.guilds.channelObject(channelId) ?? { id: channelId, type: 0, name: 'general', guild_id: place.guildId }),
            permissions: String(this.state.guilds.permissionsIn(channelId, invoker) ?? ALL_PERMISSIONS),
          },
        ]),
      );
      data.resolved = { ...(data.resolved as Record<string, unknown> | undefined), channels: resolvedChannels };
    }
    return this.send(type, place, data);
  }

  private send(type: number, place: Place, data: Record<string, unknown>, message?: StoredMessage): InteractionHandle {
    const id = this.state.nextId();
    const token = `fake-${randomBytes(24).toString('base64url')}`;
    const record = this.state.interactions.add({ id, token, type, channelId: place.channelId, componentMessageId: message?.id });
    const payload = {
      id,
      application_id: this.state.config.applicationId,
      type,
      token,
      version: 1,
      data,
      ...place.fields,
      ...(message ? { message } : {}),
      app_permissions: ALL_PERMISSIONS,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    this.dispatch('INTERACTION_CREATE', payload, (at) => {
      record.sentAt = at;
    });
    return this.state.interactions.handle(record, (messageId) => this.state.messages.get(messageId));
  }

  /** An attachment as Discord resolves it (its CDN URL), kept for the fake CDN to serve. */
  private resolvedAttachment(id: string, file: FakeAttachment): Record<string, unknown> {
    const bytes = typeof file.bytes === 'string' ? Buffer.from(file.bytes) : file.bytes;
    const contentType = file.contentType ?? 'application/json; charset=utf-8';
    this.state.attachments.set(id, { bytes, contentType });
    const url = this.state.cdnUrl(id, file.filename);
    return { id, filename: file.filename, size: file.size ?? bytes.length, url, proxy_url: url, content_type: contentType };
  }

  private place(input: { user?: FakeUser; guildId?: string | null; channelId?: string | undefined; integrationOwners?: Record<string, string>; locale?: string }): Place {
    const user = this.state.users.remember(input.user ?? DEFAULT_USER);
    const guildId = input.guildId ?? null;
    const locale = input.locale ?? 'en-US';
    if (guildId) {
      const channelId = input.channelId ?? this.defaultGuildChannel(guildId);
      return {
        user,
        guildId,
        channelId,
        fields: {
          guild_id: guildId,
          guild: { id: guildId, locale, features: [] },
          guild_locale: locale,
          channel: { id: channelId, type: 0, guild_id: guildId, name: 'general', position: 0, permissions: ALL_PERMISSIONS, flags: 0 },
          channel_id: channelId,
          member: apiMember(user),
          locale,
          context: ContextType.Guild,
          authorizing_integration_owners: input.integrationOwners ?? { '0': guildId },
        },
      };
    }
    const channelId = input.channelId ?? this.state.dms.channelFor(user.id);
    return {
      user,
      guildId: null,
      channelId,
      fields: {
        channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [apiUser(user)] },
        channel_id: channelId,
        user: apiUser(user),
        locale,
        context: ContextType.BotDm,
        authorizing_integration_owners: input.integrationOwners ?? { '1': user.id },
      },
    };
  }

  private defaultGuildChannel(guildId: string): string {
    let channelId = this.guildChannels.get(guildId);
    if (!channelId) {
      channelId = this.state.nextId();
      this.guildChannels.set(guildId, channelId);
    }
    return channelId;
  }

  private madeUpBotMessage(id: string, channelId: string): StoredMessage {
    const message = { ...this.messageDefaults(), id, channel_id: channelId, author: this.state.botUser(), flags: 0 } as StoredMessage;
    this.state.messages.put(message);
    return message;
  }

  private messageDefaults(): Record<string, unknown> {
    return {
      type: 0,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    };
  }
}

function withoutUser(member: Record<string, unknown>): Record<string, unknown> {
  const { user: _user, ...rest } = member;
  return rest;
}

/** The values of CHANNEL options anywhere in the option tree. */
function channelOptionValues(options: ReadonlyArray<Record<string, unknown>>): string[] {
  return options.flatMap((option) => {
    if (option.type === OptionType.Channel && typeof option.value === 'string') return [option.value];
    return Array.isArray(option.options) ? channelOptionValues(option.options as Array<Record<string, unknown>>) : [];
  });
}
