import { ChannelPermission, missingPermissions, type ChannelPermissionName } from '../core/channel-access.js';
import { Refusal } from '../core/refusal.js';
import type { Services } from '../services.js';
import './refusals.js';

/** What the bot needs in a log channel: to see it, post in it, and show the post as an embed. */
export const LOG_BOT_PERMISSIONS: readonly ChannelPermissionName[] = ['ViewChannel', 'SendMessages', 'EmbedLinks'];

/**
 * The checks before a log is set up in a channel: the invoker may manage it (Discord resolved
 * their permissions there with the option), and the bot may post there (which one is missing).
 */
export async function checkLogChannel(services: Services, request: { guildId: string; channelId: string; invokerPermissions: string | null }): Promise<void> {
  const invoker = request.invokerPermissions === null ? 0n : BigInt(request.invokerPermissions);
  if ((invoker & ChannelPermission.ManageChannels) === 0n) throw new Refusal('log.needs-manage-channels', { channelId: request.channelId });
  const access = await services.channels.botAccess(request.guildId, request.channelId);
  if (access.kind === 'not-in-server') throw new Refusal('log.bot-not-in-server', {});
  if (access.kind === 'unknown-channel') throw new Refusal('log.unknown-channel', { channelId: request.channelId });
  const missing = missingPermissions(access.bits, LOG_BOT_PERMISSIONS);
  if (missing.length > 0) throw new Refusal('log.bot-missing-permissions', { channelId: request.channelId, missing });
}
