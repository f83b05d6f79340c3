import type { ReplyMessage } from './message.js';

/** Sending a DM to a user, whatever transport the bot runs on (it goes through Discord's REST API). */
export interface DirectMessages {
  /** `dms-closed` when the user does not accept DMs from the bot; other refusals throw. */
  sendDirectMessage(userId: string, message: ReplyMessage): Promise<'sent' | 'dms-closed'>;
}
