import type { BotChannelAccess, ChannelPostOutcome } from '../core/channel-access.js';
import type { ReplyMessage } from './message.js';

/** Posting in server channels (the front log), whatever transport the bot runs on (Discord's REST API). */
export interface ChannelMessages {
  botAccess(guildId: string, channelId: string): Promise<BotChannelAccess>;
  /** `refused`: Discord refused (missing access or permission); `gone`: the channel no longer exists. */
  post(channelId: string, message: ReplyMessage): Promise<ChannelPostOutcome>;
  /** `gone`: the message (or channel) was deleted; the caller posts anew. */
  edit(channelId: string, messageId: string, message: ReplyMessage): Promise<ChannelPostOutcome>;
}
