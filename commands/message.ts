import type { Message as DiscordMessage } from 'discord.js';
import type { CommandContext } from '../src/discord/command.js';
import { defineCommand, subcommand } from '../src/discord/framework/command-table.js';
import { text } from '../src/discord/framework/fields.js';
import { UserFacingError } from '../src/core/user-facing-error.js';
import { visibilityFor } from '../src/core/visibility.js';
import { parseMessageReference } from '../src/messages/parse-link.js';
import { snowflakeToDate } from '../src/messages/snowflake.js';
import { PkErrorCode, PluralKitError } from '../src/pluralkit/errors.js';
import { renderMessageInfo } from '../src/render/message-info.js';

export const MESSAGE_INFO_NAME = 'Message info';
/** PluralKit keeps the trigger-message → proxied-message mapping this long. */
const TRIGGER_MAPPING_TTL_MS = 30 * 60 * 1000;
const EXCERPT_LENGTH = 300;

function notFoundMessage(messageId: string, now: Date): string {
  const sent = snowflakeToDate(messageId);
  const ageMs = now.getTime() - sent.getTime();
  const base = "PluralKit has no proxied message with that ID, so it wasn't sent through PluralKit (or PluralKit's record of it is gone).";
  if (ageMs > TRIGGER_MAPPING_TTL_MS) {
    return `${base}\nIf this is the original message someone typed (the one PluralKit replaced), PluralKit only remembers that link for 30 minutes and this one is older: use the proxied message instead.`;
  }
  return `${base}\nLooking up the original (trigger) message works for 30 minutes after it was sent; the proxied message's ID always works.`;
}

function jumpUrl(guildId: string | null | undefined, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}

/** Always the public view (no token is sent), always ephemeral, like PluralKit's own context menu. */
async function lookUp(ctx: CommandContext, messageId: string, context: { target?: DiscordMessage }): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'message-info' }));
  let message;
  try {
    message = await ctx.services.pluralkit.getMessage(messageId);
  } catch (error) {
    if (error instanceof PluralKitError && error.code === PkErrorCode.MessageNotFound) throw new UserFacingError(notFoundMessage(messageId, new Date()));
    throw error;
  }
  const target = context.target;
  const content = target?.content ?? null;
  await ctx.reply.send({
    embeds: renderMessageInfo(message, {
      excerpt: content ? content.slice(0, EXCERPT_LENGTH) : null,
      attachmentCount: target ? target.attachments.size : undefined,
      jumpUrl: jumpUrl(message.guild, message.channel, message.id),
    }),
  });
}

export const messageCommand = defineCommand({
  name: 'message',
  description: 'Find out who sent a message proxied by PluralKit',
  subcommands: {
    link: subcommand({
      description: 'Look up a proxied message by its link or ID',
      options: { link: text({ description: 'Message link (Copy Message Link) or message ID', max: 300, required: true }) },
      async run(ctx, args) {
        const parsed = parseMessageReference(args.link);
        if (!parsed.ok) throw new UserFacingError(parsed.message);
        await lookUp(ctx, parsed.messageId, {});
      },
    }),
  },
  messageMenus: {
    [MESSAGE_INFO_NAME]: {
      run: (ctx, interaction) => lookUp(ctx, interaction.targetId, { target: interaction.targetMessage }),
    },
  },
});
