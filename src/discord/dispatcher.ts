import {
  ChannelType,
  MessageFlags,
  InteractionContextType,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import { truncate } from '../text/truncate.js';
import type { CommandContext, CommandModule } from './command.js';
import { decodeCustomId } from './custom-id.js';
import { reportFailure } from './error-funnel.js';
import { DiscordLimits } from '../core/discord-limits.js';
import { NO_MENTIONS, Responder, type RepliableInteraction } from './reply.js';
import { visibilityFor } from '../core/visibility.js';

export const RESTARTING_MESSAGE = '⏳ Switchboard is restarting. Please try again in a few seconds.';

/** Defer this long after dispatch if a handler has not answered: well inside Discord's 3 s. */
export const AUTO_DEFER_MS = 1500;
/** Autocomplete cannot be deferred; give up with an empty list before Discord does. */
export const AUTOCOMPLETE_BUDGET_MS = 2500;

type Outcome = 'ok' | 'user-error' | 'error' | 'ignored';

function interactionLabel(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const group = interaction.options.getSubcommandGroup(false);
    const sub = interaction.options.getSubcommand(false);
    return ['/' + interaction.commandName, group, sub].filter(Boolean).join(' ');
  }
  if (interaction.isCommand()) return interaction.commandName;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId.split(':').slice(0, 2).join(':');
  return 'interaction';
}

function fitChoices(choices: ApplicationCommandOptionChoiceData[]): ApplicationCommandOptionChoiceData[] {
  return choices.slice(0, DiscordLimits.autocompleteChoices).map((choice) => ({
    name: truncate(choice.name, DiscordLimits.autocompleteChoiceName),
    value: typeof choice.value === 'string' ? choice.value.slice(0, DiscordLimits.autocompleteChoiceValue) : choice.value,
  }));
}

/**
 * Routes every interaction and DM to its command module, with one error funnel
 * and one structured log line per interaction. Tracks in-flight work so that
 * shutdown can finish replies before the process exits.
 */
export class Dispatcher {
  private readonly byCommandName = new Map<string, CommandModule>();
  private readonly byModuleName = new Map<string, CommandModule>();
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(
    private readonly services: Services,
    modules: readonly CommandModule[],
    private readonly options: { autoDeferMs?: number } = {},
  ) {
    for (const module of modules) {
      this.byModuleName.set(module.name, module);
      for (const definition of module.definitions) this.byCommandName.set(definition.name, module);
    }
  }

  private get logger(): Logger {
    return this.services.logger;
  }

  /** Entry point for the client's interactionCreate event. */
  handleInteraction(interaction: Interaction): void {
    if (!this.accepting) {
      // Shutting down: say so at once instead of letting Discord's 3 s run out.
      this.track(this.refuseWhileStopping(interaction));
      return;
    }
    this.track(this.dispatch(interaction));
  }

  private async refuseWhileStopping(interaction: Interaction): Promise<void> {
    this.logger.info({ interactionId: interaction.id, userId: interaction.user.id }, 'interaction refused: shutting down');
    if (interaction.isAutocomplete()) {
      await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      await interaction.reply({ content: RESTARTING_MESSAGE, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
  }

  /** Entry point for the client's messageCreate event. */
  handleMessage(message: Message): void {
    if (!this.accepting) return;
    if (message.author.bot || message.channel.type !== ChannelType.DM) return;
    this.track(this.dispatchDirectMessage(message));
  }

  /** Stop taking new work and wait for what is running. */
  async drain(): Promise<void> {
    this.accepting = false;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.logger.error({ err: error }, 'unhandled dispatch failure'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private moduleFor(interaction: Interaction): CommandModule | undefined {
    if (interaction.isCommand() || interaction.isAutocomplete()) return this.byCommandName.get(interaction.commandName);
    if (interaction.isButton() || interaction.isModalSubmit()) {
      const id = decodeCustomId(interaction.customId);
      return id ? this.byModuleName.get(id.command) : undefined;
    }
    return undefined;
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const log = this.logger.child({
      interactionId: interaction.id,
      command: interactionLabel(interaction),
      userId: interaction.user.id,
      guildId: interaction.guildId ?? undefined,
    });
    log.debug('interaction received');
    const module = this.moduleFor(interaction);
    let outcome: Outcome = 'ok';
    try {
      if (!module) {
        outcome = 'ignored';
        log.warn('no handler for interaction');
        if (interaction.isRepliable()) {
          await interaction.reply({ content: 'That command is not available any more. Please try again.', flags: 64, allowedMentions: { parse: [] } });
        }
        return;
      }
      if (interaction.isAutocomplete()) {
        outcome = await this.runAutocomplete(module, interaction, log);
        return;
      }
      if (!(interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand() || interaction.isButton() || interaction.isModalSubmit())) {
        outcome = 'ignored';
        return;
      }
      outcome = await this.runRepliable(module, interaction, log);
    } finally {
      log.info({ outcome, latencyMs: Math.round((performance.now() - started) * 100) / 100 }, 'interaction handled');
    }
  }

  private async runAutocomplete(module: CommandModule, interaction: AutocompleteInteraction, log: Logger): Promise<Outcome> {
    let choices: ApplicationCommandOptionChoiceData[] = [];
    let outcome: Outcome = 'ok';
    if (module.autocomplete) {
      const ctx = { services: this.services, log, userId: interaction.user.id, guildId: interaction.guildId };
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<ApplicationCommandOptionChoiceData[]>((resolve) => {
        timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS);
      });
      try {
        choices = await Promise.race([module.autocomplete(ctx, interaction), budget]);
      } catch (error) {
        // Autocomplete failures stay quiet: an empty list is the fallback.
        outcome = 'error';
        log.warn({ err: error }, 'autocomplete failed');
      } finally {
        clearTimeout(timer);
      }
    }
    await interaction.respond(fitChoices(choices));
    return outcome;
  }

  private async runRepliable(module: CommandModule, interaction: RepliableInteraction, log: Logger): Promise<Outcome> {
    // Ephemeral until a handler decides otherwise: the safe default for private data.
    const reply = new Responder(interaction, visibilityFor({ kind: 'error' }), log, interaction.isButton() ? 'update' : 'reply');
    const ctx: CommandContext = {
      services: this.services,
      log,
      reply,
      userId: interaction.user.id,
      user: interaction.user,
      guildId: interaction.guildId,
      inBotDm: interaction.context === InteractionContextType.BotDM || (interaction.context == null && !interaction.guildId),
    };
    reply.armAutoDefer(this.options.autoDeferMs ?? AUTO_DEFER_MS);
    try {
      if (interaction.isChatInputCommand() && module.chatInput) await module.chatInput(ctx, interaction);
      else if (interaction.isMessageContextMenuCommand() && module.messageContext) await module.messageContext(ctx, interaction);
      else if (interaction.isButton() && module.button) await module.button(ctx, interaction, decodeCustomId(interaction.customId)!);
      else if (interaction.isModalSubmit() && module.modalSubmit) await module.modalSubmit(ctx, interaction, decodeCustomId(interaction.customId)!);
      else throw new Error(`module ${module.name} cannot handle this interaction`);
      if (!reply.acknowledged) {
        log.error('handler finished without answering');
        await reply.send({ content: '❌ Switchboard had nothing to say to that. Please try again.' });
        return 'error';
      }
      return 'ok';
    } catch (error) {
      return await reportFailure(ctx, error);
    } finally {
      reply.dispose();
    }
  }

  private async dispatchDirectMessage(message: Message): Promise<void> {
    const log = this.logger.child({ messageId: message.id, userId: message.author.id, event: 'direct-message' });
    const started = performance.now();
    let handled = false;
    try {
      for (const module of this.byModuleName.values()) {
        if (module.directMessage && (await module.directMessage({ services: this.services, log, message }))) {
          handled = true;
          break;
        }
      }
    } catch (error) {
      log.error({ err: error }, 'direct message failed');
    } finally {
      log.info({ handled, latencyMs: Math.round((performance.now() - started) * 100) / 100 }, 'direct message handled');
    }
  }
}
