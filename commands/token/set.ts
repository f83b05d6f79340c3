import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { refuse } from '../../src/core/refusal.js';
import type { CommandContext } from '../../src/framework/command.js';
import { encodeCustomId } from '../../src/interaction/custom-id.js';
import { subcommand } from '../../src/framework/command-table.js';
import type { ModalInteraction } from '../../src/interaction/interaction.js';
import { buildModal } from '../../src/interaction/modal.js';
import { connectedMessage, DM_REFUSED_TEXT, DMS_CLOSED_TEXT, SETUP_DM_SENT_TEXT, SETUP_EXPLANATION } from '../../src/render/token.js';
import { verifyAndStoreToken } from '../../src/access/token-setup.js';

const MODULE = 'token';
export const OPEN_MODAL = 'open';
export const SUBMIT_MODAL = 'submit';
const TOKEN_FIELD = 'token';

const enterTokenRow: APIActionRowComponent<APIComponentInMessageActionRow> = {
  type: ComponentType.ActionRow,
  components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Enter token', custom_id: encodeCustomId(MODULE, OPEN_MODAL) }],
};

function tokenModal(): APIModalInteractionResponseCallbackData {
  return buildModal(encodeCustomId(MODULE, SUBMIT_MODAL), 'Connect PluralKit', [
    {
      customId: TOKEN_FIELD,
      label: 'PluralKit token',
      description: 'Paste what PluralKit sent you for pk;token',
      style: 'short',
      required: true,
      minLength: 1,
      maxLength: 200,
      placeholder: 'Your token (kept private)',
    },
  ]);
}

export const tokenSet = subcommand({
  description: 'Store your PluralKit token (asked for privately)',
  async run(ctx) {
    // Over HTTP there are no DM messages to continue in; the form is private wherever it opens.
    if (ctx.inBotDm || ctx.services.config.interactions === 'http') {
      await ctx.reply.showModal(tokenModal());
      return;
    }
    // Never ask for the token where others could see it: move to DMs.
    let sent;
    try {
      sent = await ctx.services.discord.sendDirectMessage(ctx.userId, { embeds: [SETUP_EXPLANATION], components: [enterTokenRow] });
    } catch (error) {
      ctx.log.warn({ err: error }, 'setup DM could not be sent');
      await ctx.reply.send({ content: DM_REFUSED_TEXT });
      return;
    }
    await ctx.reply.send({ content: sent === 'sent' ? SETUP_DM_SENT_TEXT : DMS_CLOSED_TEXT });
  },
});

export async function openTokenModal(ctx: CommandContext): Promise<void> {
  await ctx.reply.showModal(tokenModal());
}

export async function submitTokenModal(ctx: CommandContext, interaction: ModalInteraction): Promise<void> {
  const input = interaction.fields[TOKEN_FIELD];
  if (input === undefined) refuse('form.field-missing', { command: '/token set', field: 'token' });
  const system = await verifyAndStoreToken(ctx.services, ctx.userId, input);
  ctx.log.info({ systemId: system.id }, 'token stored');
  await ctx.reply.send({ content: connectedMessage(system) });
}
