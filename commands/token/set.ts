import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
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
  type APIEmbed,
} from 'discord.js';
import type { CommandContext, CommandModule, DirectMessageContext } from '../src/discord/command.js';
import { EVERYWHERE } from '../src/discord/contexts.js';
import { acceptConfirmation, CANCEL_ACTION, confirmationRow } from '../src/discord/confirm.js';
import { encodeCustomId } from '../src/discord/custom-id.js';
import { TOKEN_REVOKED_MESSAGE } from '../src/discord/error-messages.js';
import { collectOptions } from '../src/discord/options.js';
import { sendDirectMessage } from '../src/discord/reply.js';
import { UserFacingError } from '../src/core/user-facing-error.js';
import { visibilityFor } from '../src/core/visibility.js';
import { PluralKitError } from '../src/pluralkit/errors.js';
import { discordTimestamp } from '../src/time/format.js';
import { storedTokenFor } from '../src/session/stored-token.js';
import { looksLikeToken } from '../src/tokens/token-format.js';
import { connectedMessage, verifyAndStoreToken } from '../src/tokens/token-setup.js';

const MODULE = 'token';
const OPEN_MODAL = 'open';
const SUBMIT_MODAL = 'submit';
const REMOVE = 'remove';
const TOKEN_FIELD = 'token';
const SETUP_COLOR = 0x5865f2;

const setupExplanation: APIEmbed = {
  title: 'Connect your PluralKit system',
  color: SETUP_COLOR,
  description: [
    'Switchboard needs your PluralKit **token** to read and change your system for you.',
    '',
    '1. Send `pk;token` to PluralKit; it answers in DMs with a long string.',
    '2. Press **Enter token** below and paste it (or paste it here as a message).',
    '',
    '⚠️ The token grants **full control** of your system: anyone who has it can read private data, edit or delete everything. ' +
      'Only give it to Switchboard in this DM or its pop-up form, never in a server channel.',
    'If it ever leaks, send `pk;token refresh` to PluralKit: the old token stops working at once.',
    '',
    'Switchboard stores it encrypted and uses it only for your own commands.',
  ].join('\n'),
};

const enterTokenRow: APIActionRowComponent<APIComponentInMessageActionRow> = {
  type: ComponentType.ActionRow,
  components: [
    { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Enter token', custom_id: encodeCustomId(MODULE, OPEN_MODAL) },
  ],
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

async function setToken(ctx: CommandContext, interaction: Parameters<NonNullable<CommandModule['chatInput']>>[1]): Promise<void> {
  if (ctx.inBotDm) {
    await ctx.reply.showModal(tokenModal());
    return;
  }
  // Never ask for the token where others could see it: move to DMs.
  ctx.reply.setVisibility(visibilityFor({ kind: 'setup' }));
  try {
    await sendDirectMessage(interaction.user, { embeds: [setupExplanation], components: [enterTokenRow] });
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
      await ctx.reply.send({
        content:
          "❌ I couldn't send you a DM: your DMs are closed to me. Open **User Settings → Privacy & Safety** (or this server's **Privacy Settings**) and allow direct messages, then run `/token set` again. You can also run `/token set` in a DM with me.",
      });
      return;
    }
    throw error;
  }
  await ctx.reply.send({ content: '📬 Check your DMs: I sent you the next step there. Never paste your token in a server channel.' });
}

async function tokenStatus(ctx: CommandContext): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'setup' }));
  const stored = storedTokenFor(ctx.services, ctx.userId);
  if (!stored) {
    await ctx.reply.send({ content: 'No PluralKit token is stored for you. Run `/token set` to connect your system.' });
    return;
  }
  let system;
  let problem: string | null = null;
  try {
    system = await ctx.services.pluralkit.getSystem('@me', { token: stored.token });
    ctx.services.vault.markVerified(ctx.userId, { id: system.id, uuid: system.uuid });
  } catch (error) {
    if (error instanceof PluralKitError && error.status === 401) {
      await ctx.reply.send({ content: `❌ ${TOKEN_REVOKED_MESSAGE}` });
      return;
    }
    ctx.log.warn({ err: error }, 'token status could not be verified');
    problem = 'PluralKit could not be reached just now, so this is what was last confirmed.';
  }
  const current = storedTokenFor(ctx.services, ctx.userId) ?? stored;
  const name = system?.name ? `**${system.name}** ` : '';
  await ctx.reply.send({
    embeds: [
      {
        title: 'PluralKit token',
        color: SETUP_COLOR,
        description: [
          `Connected to ${name}\`${current.systemId}\`.`,
          `Set ${discordTimestamp(current.setAt, 'f')} (${discordTimestamp(current.setAt, 'R')}).`,
          `Last verified ${discordTimestamp(current.verifiedAt, 'f')} (${discordTimestamp(current.verifiedAt, 'R')}).`,
          ...(problem ? ['', `⚠️ ${problem}`] : []),
        ].join('\n'),
        footer: { text: 'Use /token remove to forget it, or /token set to replace it.' },
      },
    ],
  });
}

async function tokenRemove(ctx: CommandContext): Promise<void> {
  ctx.reply.setVisibility(visibilityFor({ kind: 'setup' }));
  if (!storedTokenFor(ctx.services, ctx.userId)) {
    await ctx.reply.send({ content: 'No PluralKit token is stored for you, so there is nothing to remove.' });
    return;
  }
  await ctx.reply.send({
    content: '⚠️ Forget your stored PluralKit token? Switchboard will no longer be able to change your system until you set it up again.',
    components: [confirmationRow({ module: MODULE, action: REMOVE, userId: ctx.userId, confirmLabel: 'Forget token', danger: true })],
  });
}

export const tokenCommand: CommandModule = {
  name: MODULE,
  definitions: [
    {
      type: ApplicationCommandType.ChatInput,
      name: 'token',
      description: 'Connect your PluralKit system to Switchboard',
      ...EVERYWHERE,
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'set', description: 'Store your PluralKit token (asked for in DMs)' },
        { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'Which system your stored token belongs to' },
        { type: ApplicationCommandOptionType.Subcommand, name: 'remove', description: 'Forget your stored token' },
      ],
    },
  ],

  async chatInput(ctx, interaction) {
    const { subcommand } = collectOptions(interaction);
    if (subcommand === 'set') return setToken(ctx, interaction);
    if (subcommand === 'status') return tokenStatus(ctx);
    if (subcommand === 'remove') return tokenRemove(ctx);
    throw new UserFacingError('Unknown /token subcommand.');
  },

  async button(ctx, interaction, id) {
    if (id.action === OPEN_MODAL) {
      await ctx.reply.showModal(tokenModal());
      return;
    }
    if (id.action === CANCEL_ACTION) {
      acceptConfirmation(id, ctx.userId);
      await ctx.reply.send({ content: 'Cancelled: your token is still stored.', components: [] });
      return;
    }
    if (id.action === REMOVE) {
      acceptConfirmation(id, ctx.userId);
      const removed = ctx.services.vault.remove(ctx.userId);
      await ctx.reply.send({
        content: removed
          ? '✅ Your PluralKit token is forgotten. To make sure it can never be used again, send `pk;token refresh` to PluralKit.'
          : 'There was no stored token to forget.',
        components: [],
      });
      return;
    }
    throw new UserFacingError(`That button (${interaction.customId}) is not known.`);
  },

  async modalSubmit(ctx, interaction, id) {
    if (id.action !== SUBMIT_MODAL) throw new UserFacingError('That form is not known.');
    ctx.reply.setVisibility(visibilityFor({ kind: 'setup' }));
    const system = await verifyAndStoreToken(ctx.services, ctx.userId, interaction.fields.getTextInputValue(TOKEN_FIELD));
    ctx.log.info({ systemId: system.id }, 'token stored');
    await ctx.reply.send({ content: connectedMessage(system) });
  },

  async directMessage(ctx: DirectMessageContext) {
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
  },
};
