import { DiscordAPIError, REST, type RawFile } from '@discordjs/rest';
import {
  InteractionResponseType,
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
  type APIApplication,
  type APIChannel,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { InitialResponse, InteractionCallbacks } from '../interaction/callbacks.js';
import type { CommandRegistrar, RegistrationTarget } from '../interaction/command-registrar.js';
import type { DirectMessages } from '../interaction/direct-messages.js';
import { toMessageBody, type MessageBody, type ReplyMessage } from '../interaction/message.js';

function files(body: MessageBody): RawFile[] {
  return body.files.map((file) => ({ name: file.name, data: file.data }));
}

/** Discord's interaction callback body for the core's first response. */
export function callbackBody(response: InitialResponse): { type: InteractionResponseType; data?: unknown } {
  switch (response.type) {
    case 'message':
      return { type: InteractionResponseType.ChannelMessageWithSource, data: response.body.json };
    case 'defer':
      return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: response.ephemeral ? { flags: MessageFlags.Ephemeral } : {} };
    case 'defer-update':
      return { type: InteractionResponseType.DeferredMessageUpdate };
    case 'update':
      return { type: InteractionResponseType.UpdateMessage, data: response.body.json };
    case 'choices':
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: response.choices } };
    case 'modal':
      return { type: InteractionResponseType.Modal, data: response.modal };
  }
}

/** The files that travel with a first response, if any. */
export function callbackFiles(response: InitialResponse): RawFile[] {
  return response.type === 'message' || response.type === 'update' ? files(response.body) : [];
}

/**
 * Discord's REST API as the bot uses it, for both transports: interaction webhooks (edits and
 * follow-ups), DMs, command registration. Interaction routes are sent without the bot token, as
 * Discord expects.
 */
export class DiscordRest implements DirectMessages, CommandRegistrar {
  readonly rest: REST;

  constructor(options: { token: string; apiUrl?: string | undefined }) {
    this.rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  }

  async interactionCallback(interactionId: string, token: string, response: InitialResponse): Promise<void> {
    await this.rest.post(Routes.interactionCallback(interactionId, token), { body: callbackBody(response), files: callbackFiles(response), auth: false });
  }

  async editOriginal(applicationId: string, token: string, body: MessageBody): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body: body.json, files: files(body), auth: false });
  }

  async deleteOriginal(applicationId: string, token: string): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
  }

  async followUp(applicationId: string, token: string, body: MessageBody): Promise<void> {
    await this.rest.post(Routes.webhook(applicationId, token), { body: body.json, files: files(body), auth: false, query: new URLSearchParams({ wait: 'true' }) });
  }

  /** Callbacks for an interaction whose first response also goes through REST (the gateway's way). */
  callbacksFor(interaction: { id: string; token: string; applicationId: string }): InteractionCallbacks {
    return {
      respond: (response) => this.interactionCallback(interaction.id, interaction.token, response),
      ...this.webhookCallbacks(interaction),
    };
  }

  /** Edits and follow-ups of an interaction, which go through its webhook on every transport. */
  webhookCallbacks(interaction: { token: string; applicationId: string }): Omit<InteractionCallbacks, 'respond'> {
    return {
      editOriginal: (body) => this.editOriginal(interaction.applicationId, interaction.token, body),
      deleteOriginal: () => this.deleteOriginal(interaction.applicationId, interaction.token),
      followUp: (body) => this.followUp(interaction.applicationId, interaction.token, body),
    };
  }

  async sendDirectMessage(userId: string, message: ReplyMessage): Promise<'sent' | 'dms-closed'> {
    const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    try {
      await this.sendChannelMessage(channel.id, message);
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) return 'dms-closed';
      throw error;
    }
    return 'sent';
  }

  /** A message in a channel the bot can post in (its DM channel with a user, a log channel). */
  async sendChannelMessage(channelId: string, message: ReplyMessage): Promise<void> {
    const body = toMessageBody(message);
    await this.rest.post(Routes.channelMessages(channelId), { body: body.json, files: files(body) });
  }

  async putCommands(target: RegistrationTarget, definitions: readonly RESTPostAPIApplicationCommandsJSONBody[]): Promise<void> {
    const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
    await this.rest.put(route, { body: definitions });
  }

  async currentApplication(): Promise<APIApplication> {
    return (await this.rest.get(Routes.currentApplication())) as APIApplication;
  }
}
