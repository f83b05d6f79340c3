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
import type { CommandContext } from '../../src/discord/command.js';
import { encodeCustomId } from '../../src/discord/custom-id.js';
import { subcommand } from '../../src/discord/framework/command-table.js';
import { sendDirectMessage } from '../../src/discord/reply.js';
import { connectedMessage, DM_REFUSED_TEXT, DMS_CLOSED_TEXT, SETUP_DM_SENT_TEXT, SETUP_EXPLANATION } from '../../src/render/token.js';
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
      const closed = error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;
      if (!closed) ctx.log.warn({ err: error }, 'setup DM could not be sent');
      await ctx.reply.send({ content: closed ? DMS_CLOSED_TEXT : DM_REFUSED_TEXT });
      return;
    }
    await ctx.reply.send({ content: SETUP_DM_SENT_TEXT });
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
