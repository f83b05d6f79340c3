import {
  ButtonStyle,
  ComponentType,
  DiscordAPIError,
  LabelBuilder,
  ModalBuilder,
  RESTJSONErrorCodes,
  TextInputBuilder,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
} from 'discord.js';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import type { CommandContext, DirectMessageContext } from '../../src/discord/command.js';
import { encodeCustomId } from '../../src/discord/custom-id.js';
import { subcommand } from '../../src/discord/framework/command-table.js';
import { sendDirectMessage } from '../../src/discord/reply.js';
import { connectedMessage, SETUP_EXPLANATION } from '../../src/render/token.js';
import { looksLikeToken } from '../../src/tokens/token-format.js';
import { verifyAndStoreToken } from '../../src/tokens/token-setup.js';

const MODULE = 'token';
export const OPEN_MODAL = 'open';
export const SUBMIT_MODAL = 'submit';
const TOKEN_FIELD = 'token';

const enterTokenRow: APIActionRowComponent<APIComponentInMessageActionRow> = {
  type: ComponentType.ActionRow,
  components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Enter token', custom_id: encodeCustomId(MODULE, OPEN_MODAL) }],
};

function tokenModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(encodeCustomId(MODULE, SUBMIT_MODAL))
    .setTitle('Connect PluralKit')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('PluralKit token')
        .setDescription('Paste what PluralKit sent you for pk;token')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(TOKEN_FIELD)
            .setStyle(TextInputStyle.Short)
            .setRequired(true)
            .setMinLength(1)
            .setMaxLength(200)
            .setPlaceholder('Your token (kept private)'),
        ),
    );
}

export const tokenSet = subcommand({
  description: 'Store your PluralKit token (asked for in DMs)',
  async run(ctx) {
    if (ctx.inBotDm) {
      await ctx.reply.showModal(tokenModal());
      return;
    }
    // Never ask for the token where others could see it: move to DMs.
    try {
      await sendDirectMessage(ctx.user, { embeds: [SETUP_EXPLANATION], components: [enterTokenRow] });
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
        await ctx.reply.send({
          content:
            "❌ I couldn't send you a DM: your DMs are closed to me. Open **User Settings → Privacy & Safety** (or this server's **Privacy Settings**) and allow direct messages, then run `/token set` again. You can also run `/token set` in a DM with me.",
        });
        return;
      }
      ctx.log.warn({ err: error }, 'setup DM could not be sent');
      await ctx.reply.send({
        content: "❌ I couldn't send you a DM just now (Discord refused it). Try `/token set` again in a moment, or run `/token set` in a DM with me, where the form opens at once.",
      });
      return;
    }
    await ctx.reply.send({ content: '📬 Check your DMs: I sent you the next step there. Never paste your token in a server channel.' });
  },
});

export async function openTokenModal(ctx: CommandContext): Promise<void> {
  await ctx.reply.showModal(tokenModal());
}

export async function submitTokenModal(ctx: CommandContext, interaction: { fields: { getTextInputValue(name: string): string } }): Promise<void> {
  let input: string;
  try {
    input = interaction.fields.getTextInputValue(TOKEN_FIELD);
  } catch {
    throw new UserFacingError('That form came back without its token field. Run `/token set` again.');
  }
  const system = await verifyAndStoreToken(ctx.services, ctx.userId, input);
  ctx.log.info({ systemId: system.id }, 'token stored');
  await ctx.reply.send({ content: connectedMessage(system) });
}

export async function tokenFromDirectMessage(ctx: DirectMessageContext): Promise<boolean> {
  const { message } = ctx;
  if (!looksLikeToken(message.content)) {
    await sendDirectMessage(message.author, {
      content:
        'Hi! To connect your PluralKit system, paste your token here (get it with `pk;token`) or run `/token set`. Every command also works in this DM; `/help` lists them.',
    });
    return true;
  }
  try {
    const system = await verifyAndStoreToken(ctx.services, message.author.id, message.content);
    ctx.log.info({ systemId: system.id }, 'token stored from a DM message');
    await sendDirectMessage(message.author, {
      content: `${connectedMessage(system)}\nYou can delete your message with the token now; it is no longer needed in this chat.`,
    });
  } catch (error) {
    const text = error instanceof UserFacingError ? error.message : 'The token could not be checked, so it was not saved. Please try again.';
    if (!(error instanceof UserFacingError)) ctx.log.error({ err: error }, 'token paste failed');
    await sendDirectMessage(message.author, { content: `❌ ${text}` });
  }
  return true;
}
