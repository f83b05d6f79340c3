import type { MessageReferenceProblem } from '../core/refusal-codes.js';
import { isValidSnowflake } from './snowflake.js';

export type MessageReference =
  | {
      ok: true;
      messageId: string;
      /** Present for links; a bare ID says nothing about its channel. */
      channelId?: string;
      /** The server of a link, or null for a DM link (`/channels/@me/…`). */
      guildId?: string | null;
    }
  | { ok: false; problem: MessageReferenceProblem };

const DISCORD_LINK = /(?:https?:\/\/)?(?:(?:www|ptb|canary)\.)?discord(?:app)?\.com(\/[^\s>]*)?/i;
const MESSAGE_PATH = /^\/channels\/([^/?#]+)\/([^/?#]+)(?:\/([^/?#]+))?\/*(?:[?#].*)?$/i;
const LOOKS_LIKE_URL = /^[a-z][a-z0-9+.-]*:\/\/|^www\.|^[\w-]+(\.[\w-]+)+\//i;

/**
 * A message link (discord.com, ptb., canary., discordapp.com; with or without
 * `https://`, `<…>` wrapping, trailing slashes or query) or a bare message ID.
 * IDs must be real snowflakes: 17–20 digits, created between Discord's epoch
 * and now.
 */
export function parseMessageReference(input: string, options: { now?: Date } = {}): MessageReference {
  const now = options.now ?? new Date();
  const text = input.trim().replace(/^<\s*(.*?)\s*>$/s, '$1');
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^\d+$/.test(text)) {
    return isValidSnowflake(text, now)
      ? { ok: true, messageId: text }
      : { ok: false, problem: 'invalid-id' };
  }
  if (/(?:^|\/\/|\s)discord\.gg\//i.test(text)) return { ok: false, problem: 'invite' };
  const link = DISCORD_LINK.exec(text);
  if (!link) {
    return { ok: false, problem: LOOKS_LIKE_URL.test(text) ? 'not-discord' : 'not-a-link' };
  }
  const path = MESSAGE_PATH.exec(link[1] ?? '');
  if (!path) return { ok: false, problem: 'not-a-message-link' };
  const [, guild, channel, message] = path;
  if (message === undefined) return { ok: false, problem: 'channel-link' };
  if (guild !== '@me' && !isValidSnowflake(guild!, now)) return { ok: false, problem: 'bad-server-id' };
  if (!isValidSnowflake(channel!, now)) return { ok: false, problem: 'bad-channel-id' };
  if (!isValidSnowflake(message, now)) return { ok: false, problem: 'bad-message-id' };
  return { ok: true, messageId: message, channelId: channel!, guildId: guild === '@me' ? null : guild! };
}
