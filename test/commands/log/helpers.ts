import { createServer } from 'node:net';
import { Permission } from '../../support/fake-discord/guilds.js';
import type { World } from '../helpers.js';
import { GUILD, OWNER, startWorld, STRANGER } from '../helpers.js';

/*
 * The front log's world: the test guild with a log channel where the owner has Manage Channels
 * and the bot may post, a channel where the bot may not send, one it cannot see, and helpers to
 * read what was posted and to let the poster's aggregation wait pass on the app's clock.
 */

export const LOG_CHANNEL = '440000000000000001';
export const NO_SEND_CHANNEL = '440000000000000002';
export const NO_EMBED_CHANNEL = '440000000000000003';
export const MOD_ROLE = '540000000000000001';
const BASE = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;

export function defineLogGuild(world: World, options: { botInServer?: boolean; ownerManages?: boolean } = {}): void {
  const discord = world.h.discord;
  discord.defineGuild({
    id: GUILD,
    everyone: BASE,
    roles: { [MOD_ROLE]: Permission.ManageChannels },
    members: { [OWNER.id]: options.ownerManages === false ? [] : [MOD_ROLE], [STRANGER.id]: [], ...(options.botInServer === false ? {} : { [discord.botUserId]: [] }) },
    channels: {
      [LOG_CHANNEL]: {},
      [NO_SEND_CHANNEL]: { overwrites: [{ id: discord.botUserId, type: 'member', deny: Permission.SendMessages }] },
      [NO_EMBED_CHANNEL]: { overwrites: [{ id: GUILD, type: 'role', deny: Permission.EmbedLinks }] },
    },
  });
}

export const channelOption = (id: string) => ({ type: 7, value: id });

/** The embeds' text of the messages in a channel, oldest first. */
export function postsIn(world: World, channelId: string): string[] {
  return world.h.discord.channelMessages(channelId).map((message) => JSON.stringify(message.embeds ?? []) + String(message.content ?? ''));
}

/** Waits until the poster waits on the app's clock, then lets that wait pass; resolves once a post or edit in the channel went through. */
export async function passAggregation(world: World, channelId: string): Promise<void> {
  const since = world.h.discord.requests.length;
  await world.h.clock.whenSleeping();
  world.h.clock.wakeNext();
  await world.h.discord.waitForRequest((request) => request.path.startsWith(`/channels/${channelId}/messages`) && request.method !== 'GET' && request.status === 200, { since });
}

/** A port free right now, for PUBLIC_URL to name before the app listens on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A world with PUBLIC_URL set (logs fed by dispatch), the log guild, and two members: what dispatch tests start from. */
export async function startDispatchWorld(): Promise<{ w: World; url: string; alice: { id: string }; bea: { id: string } }> {
  const port = await freePort();
  const w = await startWorld({}, { frontLogLoops: true, env: { HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` } });
  defineLogGuild(w);
  return {
    w,
    url: `http://127.0.0.1:${port}/pluralkit/dispatch`,
    alice: w.h.pluralkit.seedMember(w.system.id, { name: 'Alice' }),
    bea: w.h.pluralkit.seedMember(w.system.id, { name: 'Bea' }),
  };
}
