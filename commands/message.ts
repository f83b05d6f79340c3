import type { TargetMessage } from '../src/interaction/interaction.js';
import type { CommandContext } from '../src/framework/command.js';
import { defineCommand, subcommand } from '../src/framework/command-table.js';
import { text } from '../src/framework/fields.js';
import { refuse } from '../src/core/refusal.js';
import { visibilityFor } from '../src/core/visibility.js';
import { parseMessageReference } from '../src/messages/parse-link.js';
import { snowflakeToDate } from '../src/messages/snowflake.js';
import { hasCode, PkErrorCode } from '../src/pluralkit/errors.js';
import { jumpUrl, renderMessageInfo } from '../src/render/message-info.js';

export const MESSAGE_INFO_NAME = 'Message info';

/** Always the public view (no token is sent), always ephemeral, like PluralKit's own context menu. */
async function lookUp(ctx: CommandContext, messageId: string, context: { target?: TargetMessage }): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'message-info' }));
  let message;
  try {
    message = await ctx.services.pluralkit.getMessage(messageId);
  } catch (error) {
    if (hasCode(error, PkErrorCode.MessageNotFound)) refuse('message.not-found', { sent: snowflakeToDate(messageId) });
    throw error;
  }
  const target = context.target;
  const content = target?.content ?? null;
  await ctx.reply.send({
    embeds: renderMessageInfo(message, {
      excerpt: content || null,
      attachmentCount: target?.attachmentCount,
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
        if (!parsed.ok) refuse('message.unreadable-reference', { problem: parsed.problem, input: args.link });
        await lookUp(ctx, parsed.messageId, {});
      },
    }),
  },
  messageMenus: {
    [MESSAGE_INFO_NAME]: {
      run: (ctx, interaction) => lookUp(ctx, interaction.target.id, { target: interaction.target }),
    },
  },
});
