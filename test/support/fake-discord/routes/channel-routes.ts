import { DiscordErrors } from '../http-io.js';
import { fail, ok, parseBody, type Route, type RouteContext, type RouteResult } from '../router.js';
import { createDmSchema, messageBodySchema } from '../schemas.js';
import { apiUser } from '../users.js';

function dmChannel(context: RouteContext, userId: string): Record<string, unknown> {
  return {
    id: context.state.dms.channelFor(userId),
    type: 1,
    last_message_id: null,
    flags: 0,
    recipients: [apiUser(context.state.users.get(userId))],
  };
}

function withChannelMessage(handler: (context: RouteContext, messageId: string) => RouteResult): (context: RouteContext) => RouteResult {
  return (context) => {
    const message = context.state.messages.get(context.params.message!);
    if (!message || message.channel_id !== context.params.channel) return fail(DiscordErrors.unknownMessage);
    return handler(context, message.id);
  };
}

export const channelRoutes: readonly Route[] = [
  {
    name: 'get guild',
    method: 'GET',
    pattern: '/guilds/:guild',
    auth: 'bot',
    handle: (context) => {
      const guild = context.state.guilds.guild(context.params.guild!);
      // A guild the bot is not in is unknown to it.
      if (!guild?.members[context.state.config.botUserId]) return fail(DiscordErrors.unknownGuild);
      return ok(context.state.guilds.guildObject(guild.id));
    },
  },
  {
    name: 'get guild member',
    method: 'GET',
    pattern: '/guilds/:guild/members/:user',
    auth: 'bot',
    handle: (context) => {
      const guild = context.state.guilds.guild(context.params.guild!);
      if (!guild?.members[context.state.config.botUserId]) return fail(DiscordErrors.unknownGuild);
      const roles = guild.members[context.params.user!];
      if (!roles) return fail(DiscordErrors.unknownMember);
      return ok({ user: apiUser(context.state.users.get(context.params.user!)), roles, joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 });
    },
  },
  {
    name: 'create dm',
    method: 'POST',
    pattern: '/users/@me/channels',
    auth: 'bot',
    handle: (context) => {
      const parsed = parseBody(createDmSchema, context.body);
      if (!parsed.ok) return parsed.result;
      return ok(dmChannel(context, parsed.value.recipient_id));
    },
  },
  {
    name: 'get channel',
    method: 'GET',
    pattern: '/channels/:channel',
    auth: 'bot',
    handle: (context) => {
      const recipient = context.state.dms.recipientOf(context.params.channel!);
      if (recipient) return ok(dmChannel(context, recipient));
      const guildChannel = context.state.guilds.channelObject(context.params.channel!);
      return guildChannel ? ok(guildChannel) : fail(DiscordErrors.unknownChannel);
    },
  },
  {
    name: 'create channel message',
    method: 'POST',
    pattern: '/channels/:channel/messages',
    auth: 'bot',
    handle: (context) => {
      const recipient = context.state.dms.recipientOf(context.params.channel!);
      const refusal = recipient ? context.state.dms.refusalFor(recipient) : context.state.guilds.refusalToPost(context.params.channel!, context.state.config.botUserId);
      if (refusal) return fail(refusal);
      const parsed = parseBody(messageBodySchema, context.body);
      if (!parsed.ok) return parsed.result;
      return ok(
        context.state.messages.create({
          id: context.state.nextId(),
          channelId: context.params.channel!,
          author: context.state.botUser(),
          body: parsed.value,
          files: context.uploads,
        }),
      );
    },
  },
  {
    name: 'get channel message',
    method: 'GET',
    pattern: '/channels/:channel/messages/:message',
    auth: 'bot',
    handle: withChannelMessage((context, messageId) => ok(context.state.messages.get(messageId))),
  },
  {
    name: 'edit channel message',
    method: 'PATCH',
    pattern: '/channels/:channel/messages/:message',
    auth: 'bot',
    handle: withChannelMessage((context, messageId) => {
      const refusal = context.state.guilds.refusalToPost(context.params.channel!, context.state.config.botUserId);
      if (refusal) return fail(refusal);
      const parsed = parseBody(messageBodySchema, context.body);
      if (!parsed.ok) return parsed.result;
      return ok(context.state.messages.edit(messageId, parsed.value, context.uploads));
    }),
  },
  {
    name: 'delete channel message',
    method: 'DELETE',
    pattern: '/channels/:channel/messages/:message',
    auth: 'bot',
    handle: withChannelMessage((context, messageId) => {
      context.state.messages.delete(messageId);
      return ok();
    }),
  },
];
