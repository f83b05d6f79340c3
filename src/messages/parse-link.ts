export type MessageReference =
  | { ok: true; messageId: string; channelId?: string; guildId?: string | null }
  | { ok: false; message: string };

const SNOWFLAKE = /^\d{17,20}$/;
const LINK = /^(?:https?:\/\/)?(?:(?:www|ptb|canary)\.)?discord(?:app)?\.com\/channels\/(@me|\d{17,20})\/(\d{17,20})(?:\/(\d{17,20}))?\/?(?:[?#].*)?$/i;

function validSnowflake(id: string): boolean {
  if (!SNOWFLAKE.test(id)) return false;
  // After Discord's epoch and not absurdly far in the future.
  const created = Number(BigInt(id) >> 22n) + 1_420_070_400_000;
  return created > 1_420_070_400_000 && created < Date.now() + 86_400_000;
}

/** A message link (discord.com, ptb, canary, discordapp.com; `<…>` allowed) or a bare message ID. */
export function parseMessageReference(input: string): MessageReference {
  const text = input.trim().replace(/^<(.*)>$/, '$1');
  if (/^\d+$/.test(text)) {
    return validSnowflake(text)
      ? { ok: true, messageId: text }
      : { ok: false, message: `\`${text.slice(0, 30)}\` is not a valid message ID (they are 17–20 digit numbers).` };
  }
  const match = LINK.exec(text);
  if (!match) {
    return {
      ok: false,
      message: 'That is not a message link or ID. Right-click the message (or long-press it) and choose **Copy Message Link**, or use the **Message info** app on the message itself.',
    };
  }
  const [, guild, channel, message] = match;
  if (!message) return { ok: false, message: 'That is a link to a channel, not to a message. Use **Copy Message Link** on the message itself.' };
  if (!validSnowflake(message)) return { ok: false, message: 'That link does not contain a valid message ID.' };
  return { ok: true, messageId: message, channelId: channel!, guildId: guild === '@me' ? null : guild! };
}
