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
  | { ok: false; message: string };

const DISCORD_LINK = /(?:https?:\/\/)?(?:(?:www|ptb|canary)\.)?discord(?:app)?\.com(\/[^\s>]*)?/i;
const MESSAGE_PATH = /^\/channels\/([^/?#]+)\/([^/?#]+)(?:\/([^/?#]+))?\/*(?:[?#].*)?$/i;
const LOOKS_LIKE_URL = /^[a-z][a-z0-9+.-]*:\/\/|^www\.|^[\w-]+(\.[\w-]+)+\//i;

const HOW_TO_COPY = 'Right-click the message (or long-press it) and choose **Copy Message Link**, or use the **Message info** app on the message itself.';

/**
 * A message link (discord.com, ptb., canary., discordapp.com; with or without
 * `https://`, `<…>` wrapping, trailing slashes or query) or a bare message ID.
 * IDs must be real snowflakes: 17–20 digits, created between Discord's epoch
 * and now.
 */
export function parseMessageReference(input: string, options: { now?: Date } = {}): MessageReference {
  const now = options.now ?? new Date();
  const text = input.trim().replace(/^<\s*(.*?)\s*>$/s, '$1');
  if (text === '') return { ok: false, message: `Give a message link or ID. ${HOW_TO_COPY}` };
  if (/^\d+$/.test(text)) {
    return isValidSnowflake(text, now)
      ? { ok: true, messageId: text }
      : { ok: false, message: `\`${text.slice(0, 30)}\` is not a valid message ID (message IDs are 17–20 digit numbers). ${HOW_TO_COPY}` };
  }
  if (/(?:^|\/\/|\s)discord\.gg\//i.test(text)) return { ok: false, message: `That is a Discord invite, not a message link. ${HOW_TO_COPY}` };
  const link = DISCORD_LINK.exec(text);
  if (!link) {
    const why = LOOKS_LIKE_URL.test(text) ? 'That link does not point to Discord, so it is not a message link.' : 'That is not a message link or ID.';
    return { ok: false, message: `${why} ${HOW_TO_COPY}` };
  }
  const path = MESSAGE_PATH.exec(link[1] ?? '');
  if (!path) return { ok: false, message: `That Discord link is not a message link. ${HOW_TO_COPY}` };
  const [, guild, channel, message] = path;
  if (message === undefined) return { ok: false, message: `That is a link to a channel, not to a message. ${HOW_TO_COPY}` };
  if (guild !== '@me' && !isValidSnowflake(guild!, now)) return { ok: false, message: 'That link does not contain a valid server ID.' };
  if (!isValidSnowflake(channel!, now)) return { ok: false, message: 'That link does not contain a valid channel ID.' };
  if (!isValidSnowflake(message, now)) return { ok: false, message: 'That link does not contain a valid message ID.' };
  return { ok: true, messageId: message, channelId: channel!, guildId: guild === '@me' ? null : guild! };
}
