import { DiscordAPIError, type REST } from '@discordjs/rest';
import { RESTJSONErrorCodes, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import type { BotChannelAccess, ChannelPostOutcome } from '../core/channel-access.js';
import type { ChannelMessages } from '../interaction/channel-messages.js';
import { toMessageBody, type ReplyMessage } from '../interaction/message.js';
import { channelPermissions } from './channel-permissions.js';

const snowflake = z.string().regex(/^\d{1,20}$/);
const permissionBits = z.string().regex(/^\d{1,32}$/);
const guildSchema = z.object({ owner_id: snowflake, roles: z.array(z.object({ id: snowflake, permissions: permissionBits })).max(1000) });
const memberSchema = z.object({ roles: z.array(snowflake).max(1000) });
const channelSchema = z.object({
  guild_id: snowflake.optional(),
  permission_overwrites: z.array(z.object({ id: snowflake, type: z.number().int(), allow: permissionBits, deny: permissionBits })).max(1000).default([]),
});
const userSchema = z.object({ id: snowflake });
const messageSchema = z.object({ id: snowflake });

const REFUSED = new Set<number>([RESTJSONErrorCodes.MissingAccess, RESTJSONErrorCodes.MissingPermissions]);
const GONE = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.UnknownMessage]);

/** A refusal or a deletion Discord reports, as an outcome; anything else is thrown. */
function outcomeOf(error: unknown): ChannelPostOutcome {
  if (error instanceof DiscordAPIError && typeof error.code === 'number') {
    if (REFUSED.has(error.code)) return { kind: 'refused' };
    if (GONE.has(error.code)) return { kind: 'gone' };
  }
  throw error;
}

/** Posting in server channels through Discord's REST API, and the bot's permissions there. */
export class DiscordChannelMessages implements ChannelMessages {
  private botUserId: Promise<string> | undefined;

  constructor(private readonly rest: REST) {}

  async botAccess(guildId: string, channelId: string): Promise<BotChannelAccess> {
    let channel: z.infer<typeof channelSchema>;
    try {
      channel = channelSchema.parse(await this.rest.get(Routes.channel(channelId)));
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingAccess || error.code === RESTJSONErrorCodes.UnknownChannel)) {
        return error.code === RESTJSONErrorCodes.UnknownChannel ? { kind: 'unknown-channel' } : { kind: 'permissions', bits: 0n };
      }
      throw error;
    }
    if (channel.guild_id !== guildId) return { kind: 'unknown-channel' };
    const botId = await this.ownId();
    try {
      const guild = guildSchema.parse(await this.rest.get(Routes.guild(guildId)));
      const member = memberSchema.parse(await this.rest.get(Routes.guildMember(guildId, botId)));
      const bits = channelPermissions({ guildId, ownerId: guild.owner_id, roles: guild.roles, memberId: botId, memberRoleIds: member.roles, overwrites: channel.permission_overwrites });
      return { kind: 'permissions', bits };
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.UnknownGuild || error.code === RESTJSONErrorCodes.UnknownMember)) return { kind: 'not-in-server' };
      throw error;
    }
  }

  async post(channelId: string, message: ReplyMessage): Promise<ChannelPostOutcome> {
    const body = toMessageBody(message);
    try {
      const posted = messageSchema.parse(await this.rest.post(Routes.channelMessages(channelId), { body: body.json }));
      return { kind: 'posted', messageId: posted.id };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  async edit(channelId: string, messageId: string, message: ReplyMessage): Promise<ChannelPostOutcome> {
    const body = toMessageBody(message);
    try {
      await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: body.json });
      return { kind: 'posted', messageId };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  private ownId(): Promise<string> {
    this.botUserId ??= this.rest.get(Routes.user('@me')).then((raw) => userSchema.parse(raw).id);
    this.botUserId.catch(() => {
      this.botUserId = undefined;
    });
    return this.botUserId;
  }
}
