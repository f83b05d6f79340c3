import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { parseDirectMessage, parseInteraction } from '../interaction/parse.js';
import type { Logger } from '../logger.js';
import type { DiscordRest } from './discord-rest.js';
import type { InteractionSink } from './interaction-sink.js';

/** Close codes after which reconnecting cannot help: a bad token, bad intents. */
const FATAL_CLOSE_CODES = new Set([4004, 4010, 4011, 4012, 4013, 4014]);

export interface GatewayIdentity {
  applicationId: string;
  botTag: string;
}

/**
 * The gateway transport, with discord.js's own websocket package and nothing of its object cache:
 * it turns raw INTERACTION_CREATE and DM MESSAGE_CREATE payloads into the core's shapes, hands
 * them to the sink, and answers through REST. Interactions need no intent; DM messages (token
 * paste) need DirectMessages.
 */
export class GatewayConnection {
  private readonly manager: WebSocketManager;

  constructor(options: { token: string; rest: DiscordRest; log: Logger; sink: InteractionSink }) {
    const { rest, log, sink } = options;
    this.manager = new WebSocketManager({ token: options.token, intents: GatewayIntentBits.DirectMessages, rest: rest.rest });
    this.manager.on(WebSocketShardEvents.Dispatch, ({ data }) => {
      if (data.t === GatewayDispatchEvents.InteractionCreate) {
        const interaction = parseInteraction(data.d);
        if (interaction) void sink.handle(interaction, rest.callbacksFor(interaction));
        else log.warn({ interactionId: (data.d as { id?: unknown }).id }, 'interaction ignored: not a kind Switchboard handles, or malformed');
      } else if (data.t === GatewayDispatchEvents.MessageCreate) {
        const message = parseDirectMessage(data.d);
        if (message) void sink.handleDirectMessage(message, (reply) => rest.sendChannelMessage(message.channelId, reply));
      }
    });
    this.manager.on(WebSocketShardEvents.Resumed, ({ shardId }) => log.info({ shardId }, 'gateway resumed'));
    this.manager.on(WebSocketShardEvents.Error, ({ error, shardId }) => log.error({ err: error, shardId }, 'gateway error'));
  }

  /** Resolves once Discord said READY; rejects when it refuses the bot (e.g. an invalid token). */
  async connect(): Promise<GatewayIdentity> {
    const ready = new Promise<GatewayIdentity>((resolve, reject) => {
      this.manager.once(WebSocketShardEvents.Ready, ({ data }) => {
        resolve({ applicationId: data.application.id, botTag: data.user.username });
      });
      this.manager.on(WebSocketShardEvents.Closed, ({ code }) => {
        if (FATAL_CLOSE_CODES.has(code)) reject(new Error(code === 4004 ? 'Discord refused the bot token (gateway close code 4004: authentication failed)' : `Discord closed the gateway with code ${code}`));
      });
    });
    await this.manager.connect();
    return ready;
  }

  async destroy(): Promise<void> {
    await this.manager.destroy();
  }
}
