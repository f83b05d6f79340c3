import { DiscordLimits } from '../core/discord-limits.js';
import { visibilityFor } from '../core/visibility.js';
import type { InteractionCallbacks } from '../interaction/callbacks.js';
import { decodeCustomId } from '../interaction/custom-id.js';
import type { AutocompleteInteraction, DirectMessage, Interaction, RepliableInteraction } from '../interaction/interaction.js';
import { isComponent } from '../interaction/interaction.js';
import { toMessageBody, type ReplyMessage } from '../interaction/message.js';
import { InteractionResponder } from '../interaction/responder.js';
import type { Logger } from '../logger.js';
import { NOTHING_TO_SAY_TEXT, RESTARTING_TEXT, UNKNOWN_COMMAND_TEXT } from '../render/errors.js';
import type { Services } from '../services.js';
import { truncate } from '../text/truncate.js';
import type { Choice, CommandContext, CommandModule } from './command.js';
import { reportFailure } from './error-funnel.js';
import type { InteractionClaims } from './interaction-claims.js';
import { servicesForInteraction } from './write-audience.js';

/** Defer this long after dispatch if a handler has not answered: well inside Discord's 3 s. */
export const AUTO_DEFER_MS = 1500;
/** Autocomplete cannot be deferred; give up with an empty list before Discord does. */
export const AUTOCOMPLETE_BUDGET_MS = 2500;

type Outcome = 'ok' | 'user-error' | 'error' | 'ignored';

/** What became of a delivered interaction: handled (answered), or a repeat of one already handled. */
export type Delivery = 'handled' | 'duplicate';

function interactionLabel(interaction: Interaction): string {
  switch (interaction.kind) {
    case 'command':
    case 'autocomplete':
      return ['/' + interaction.commandName, interaction.options.group, interaction.options.subcommand].filter(Boolean).join(' ');
    case 'message-menu':
      return interaction.commandName;
    default:
      return interaction.customId.split(':').slice(0, 2).join(':');
  }
}

function fitChoices(choices: Choice[]): Choice[] {
  return choices.slice(0, DiscordLimits.autocompleteChoices).map((choice) => ({
    name: truncate(choice.name, DiscordLimits.autocompleteChoiceName),
    value: typeof choice.value === 'string' ? choice.value.slice(0, DiscordLimits.autocompleteChoiceValue) : choice.value,
  })) as Choice[];
}

/**
 * Routes every interaction and DM to its command module, with one error funnel and one structured
 * log line per interaction, whatever transport delivered it. Tracks in-flight work so that
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
    private readonly claims: InteractionClaims,
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

  /**
   * One interaction, answered through `callbacks`; settles when it was handled. An ID delivered
   * again (a replayed POST, a resent dispatch) runs nothing and answers nothing: `duplicate`.
   */
  handle(interaction: Interaction, callbacks: InteractionCallbacks): Promise<Delivery> {
    let delivery: Delivery = 'handled';
    const work = async (): Promise<void> => {
      if (!(await this.claimOnce(interaction))) {
        delivery = 'duplicate';
        this.logger.warn({ interactionId: interaction.id, userId: interaction.user.id }, 'interaction delivered again: ignored');
        return;
      }
      // Shutting down: say so at once instead of letting Discord's 3 s run out.
      await (this.accepting ? this.dispatch(interaction, callbacks) : this.refuseWhileStopping(interaction, callbacks));
    };
    return this.track(work()).then(() => delivery);
  }

  /**
   * Whether this delivery is the first of its interaction ID. When the store cannot say (a storage
   * fault), the interaction is handled rather than lost: it then meets the fault where it needs the
   * store, and is told so.
   */
  private async claimOnce(interaction: Interaction): Promise<boolean> {
    try {
      return await this.claims.claim(interaction.id);
    } catch (error) {
      this.logger.warn({ err: error, interactionId: interaction.id }, 'could not record the interaction as handled; handling it anyway');
      return true;
    }
  }

  private async refuseWhileStopping(interaction: Interaction, callbacks: InteractionCallbacks): Promise<void> {
    this.logger.info({ interactionId: interaction.id, userId: interaction.user.id }, 'interaction refused: shutting down');
    if (interaction.kind === 'autocomplete') await callbacks.respond({ type: 'choices', choices: [] });
    else await callbacks.respond({ type: 'message', body: toMessageBody({ content: RESTARTING_TEXT }, 64) });
  }

  /** A plain message in the bot's DM channel; `reply` answers in that channel. */
  handleDirectMessage(message: DirectMessage, reply: (message: ReplyMessage) => Promise<void>): Promise<void> {
    if (!this.accepting) return Promise.resolve();
    return this.track(this.dispatchDirectMessage(message, reply));
  }

  /** Stop taking new work and wait for what is running. */
  async drain(): Promise<void> {
    this.accepting = false;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  get draining(): boolean {
    return !this.accepting;
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.catch((error: unknown) => this.logger.error({ err: error }, 'unhandled dispatch failure'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return tracked;
  }

  private moduleFor(interaction: Interaction): CommandModule | undefined {
    switch (interaction.kind) {
      case 'command':
      case 'autocomplete':
      case 'message-menu':
        return this.byCommandName.get(interaction.commandName);
      default: {
        const id = decodeCustomId(interaction.customId);
        return id ? this.byModuleName.get(id.command) : undefined;
      }
    }
  }

  private async dispatch(interaction: Interaction, callbacks: InteractionCallbacks): Promise<void> {
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
        if (interaction.kind === 'autocomplete') await callbacks.respond({ type: 'choices', choices: [] });
        else await callbacks.respond({ type: 'message', body: toMessageBody({ content: UNKNOWN_COMMAND_TEXT }, 64) });
        return;
      }
      outcome = interaction.kind === 'autocomplete' ? await this.runAutocomplete(module, interaction, callbacks, log) : await this.runRepliable(module, interaction, callbacks, log);
    } finally {
      log.info({ outcome, latencyMs: Math.round((performance.now() - started) * 100) / 100 }, 'interaction handled');
    }
  }

  private async runAutocomplete(module: CommandModule, interaction: AutocompleteInteraction, callbacks: InteractionCallbacks, log: Logger): Promise<Outcome> {
    let choices: Choice[] = [];
    let outcome: Outcome = 'ok';
    if (module.autocomplete) {
      const ctx = { services: this.services, log, userId: interaction.user.id, guildId: interaction.guildId };
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<Choice[]>((resolve) => {
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
    await callbacks.respond({ type: 'choices', choices: fitChoices(choices) });
    return outcome;
  }

  private async runRepliable(module: CommandModule, interaction: RepliableInteraction, callbacks: InteractionCallbacks, log: Logger): Promise<Outcome> {
    // Ephemeral until a handler decides otherwise: the safe default for private data.
    const source = isComponent(interaction) ? 'component' : interaction.kind === 'modal' ? 'modal' : 'command';
    const reply = new InteractionResponder(callbacks, visibilityFor({ kind: 'error' }), log, source);
    const ctx: CommandContext = {
      services: servicesForInteraction(this.services, { reply, userId: interaction.user.id, log }),
      log,
      reply,
      userId: interaction.user.id,
      user: interaction.user,
      interaction,
      guildId: interaction.guildId,
      inBotDm: interaction.place === 'bot-dm' || (interaction.place === null && !interaction.guildId),
      flows: module.flowIds ?? new Set(),
    };
    reply.armAutoDefer(this.options.autoDeferMs ?? AUTO_DEFER_MS);
    try {
      await this.invoke(module, ctx, interaction);
      if (!reply.acknowledged) {
        log.error('handler finished without answering');
        await reply.send({ content: NOTHING_TO_SAY_TEXT });
        return 'error';
      }
      return 'ok';
    } catch (error) {
      return await reportFailure(ctx, error);
    } finally {
      reply.dispose();
    }
  }

  private invoke(module: CommandModule, ctx: CommandContext, interaction: RepliableInteraction): Promise<void> {
    const unsupported = (): never => {
      throw new Error(`module ${module.name} cannot handle a ${interaction.kind} interaction`);
    };
    switch (interaction.kind) {
      case 'command':
        return module.chatInput ? module.chatInput(ctx, interaction) : unsupported();
      case 'message-menu':
        return module.messageContext ? module.messageContext(ctx, interaction) : unsupported();
      case 'button':
      case 'select':
        return module.button ? module.button(ctx, interaction, decodeCustomId(interaction.customId)!) : unsupported();
      case 'modal':
        return module.modalSubmit ? module.modalSubmit(ctx, interaction, decodeCustomId(interaction.customId)!) : unsupported();
    }
  }

  private async dispatchDirectMessage(message: DirectMessage, reply: (message: ReplyMessage) => Promise<void>): Promise<void> {
    const log = this.logger.child({ messageId: message.id, userId: message.author.id, event: 'direct-message' });
    const started = performance.now();
    let handled = false;
    try {
      for (const module of this.byModuleName.values()) {
        if (module.directMessage && (await module.directMessage({ services: this.services, log, message, reply }))) {
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
