import {
  MessageFlags,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type ModalBuilder,
  type ModalSubmitInteraction,
  type User,
} from 'discord.js';
import type { Logger } from '../logger.js';
import { fitEmbeds } from '../render/embed-limits.js';
import { truncate } from '../text/truncate.js';
import { DiscordLimits } from '../core/discord-limits.js';
import type { Visibility } from '../core/visibility.js';

export interface ReplyFile {
  name: string;
  data: Buffer;
  /** Alt text Discord shows for the attachment. */
  description?: string;
}

export interface ReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: ReplyFile[];
}

export type RepliableInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction;

/** Nobody is ever pinged by anything the bot says: member names like "@everyone" stay text. */
export const NO_MENTIONS = { parse: [] as never[] };

/** Shapes a message for Discord: limits enforced, mentions disabled. */
export function toPayload(message: ReplyMessage): {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: Array<{ attachment: Buffer; name: string; description?: string }>;
  allowedMentions: typeof NO_MENTIONS;
} {
  return {
    ...(message.content !== undefined ? { content: truncate(message.content, DiscordLimits.messageContent) } : {}),
    embeds: fitEmbeds(message.embeds ?? []),
    components: (message.components ?? []).slice(0, DiscordLimits.actionRows),
    ...(message.files
      ? {
          files: message.files.map((file) => ({
            attachment: file.data,
            name: file.name,
            ...(file.description ? { description: truncate(file.description, DiscordLimits.attachmentDescription) } : {}),
          })),
        }
      : {}),
    allowedMentions: NO_MENTIONS,
  };
}

/** Sends a DM through the one place that applies limits and disables mentions. */
export async function sendDirectMessage(user: User, message: ReplyMessage): Promise<void> {
  await user.send(toPayload(message));
}

type ResponseState = 'none' | 'deferred' | 'deferred-update' | 'replied';

/** Where an error goes on a component: a new private message (default), or in place of the message it sits on. */
export type ErrorPlacement = 'private' | 'replace';

/**
 * The only way handlers answer an interaction. It remembers whether the
 * interaction was already acknowledged and picks reply / editReply / followUp
 * (or update for components), applies the visibility decided once up front,
 * and defers automatically when a handler's work outlasts Discord's 3-second
 * window. Operations are serialised so an automatic defer never races a reply.
 */
export class Responder {
  private state: ResponseState = 'none';
  /** Who saw the deferral's "thinking…": a public one must not turn into an error message. */
  private deferredVisibility: Visibility | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private autoDeferTimer: NodeJS.Timeout | undefined;
  /** Set by flows that own the message a button is on (a confirm prompt): errors replace it. */
  errorPlacement: ErrorPlacement = 'private';

  constructor(
    private readonly interaction: RepliableInteraction,
    private visibilityValue: Visibility,
    private readonly log: Logger,
    /** Components edit the message they sit on unless a handler says otherwise. */
    private readonly mode: 'reply' | 'update' = 'reply',
  ) {}

  get visibility(): Visibility {
    return this.visibilityValue;
  }

  get acknowledged(): boolean {
    return this.state !== 'none';
  }

  /** Changes who will see the reply; only possible before the first response. */
  setVisibility(visibility: Visibility): void {
    if (this.state === 'none') this.visibilityValue = visibility;
  }

  armAutoDefer(afterMs: number): void {
    this.autoDeferTimer = setTimeout(() => {
      void this.defer().catch((error: unknown) => this.log.warn({ err: error }, 'automatic defer failed'));
    }, afterMs);
    this.autoDeferTimer.unref();
  }

  dispose(): void {
    clearTimeout(this.autoDeferTimer);
  }

  private get flags(): MessageFlags.Ephemeral | undefined {
    return this.visibilityValue === 'ephemeral' ? MessageFlags.Ephemeral : undefined;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Acknowledge now, show the reply later (Discord shows "thinking…"). */
  defer(): Promise<void> {
    return this.enqueue(async () => {
      if (this.state !== 'none') return;
      const interaction = this.interaction;
      if (this.mode === 'update' && interaction.isButton()) {
        await interaction.deferUpdate();
        this.state = 'deferred-update';
      } else {
        await interaction.deferReply(this.flags ? { flags: this.flags } : {});
        this.state = 'deferred';
        this.deferredVisibility = this.visibilityValue;
      }
    });
  }

  /**
   * Shows how long work is going ("Reading front history… 1,400 switches") in the message that
   * will hold the answer: defers if needed, then edits. The next `send` replaces it.
   */
  progress(message: ReplyMessage): Promise<void> {
    return this.defer().then(() =>
      this.enqueue(async () => {
        if (this.state !== 'deferred' && this.state !== 'deferred-update') return;
        await this.interaction.editReply(toPayload(message));
      }),
    );
  }

  /** Shows a message: the first response, the deferred reply, or a follow-up. */
  send(message: ReplyMessage): Promise<void> {
    return this.enqueue(async () => {
      this.dispose();
      const payload = toPayload(message);
      const interaction = this.interaction;
      if (this.state === 'none') {
        if (this.mode === 'update' && interaction.isButton()) {
          await interaction.update(payload);
        } else {
          await interaction.reply(this.flags ? { ...payload, flags: this.flags } : payload);
        }
      } else if (this.state === 'deferred' || this.state === 'deferred-update') {
        await interaction.editReply(payload);
      } else {
        await interaction.followUp(this.flags ? { ...payload, flags: this.flags } : payload);
      }
      this.state = 'replied';
    });
  }

  /**
   * An error (or anything meant for the presser alone) as its own ephemeral
   * message: on a button it must never replace the message the button sits on,
   * which may be someone else's prompt or a public view.
   */
  sendPrivately(message: ReplyMessage): Promise<void> {
    return this.enqueue(async () => {
      this.dispose();
      const payload = { ...toPayload(message), flags: MessageFlags.Ephemeral as const };
      const interaction = this.interaction;
      if (this.state === 'none') {
        await interaction.reply(payload);
      } else if (this.state === 'deferred' && this.deferredVisibility === 'ephemeral') {
        // A private deferred reply is this interaction's own message: finish it rather than leave it "thinking".
        await interaction.editReply(toPayload(message));
      } else if (this.state === 'deferred') {
        // A public "thinking…" must not become an error everyone sees: answer privately, then remove it.
        await interaction.followUp(payload);
        await interaction.deleteReply().catch((error: unknown) => this.log.warn({ err: error }, 'could not remove the public placeholder'));
      } else {
        await interaction.followUp(payload);
      }
      this.state = 'replied';
    });
  }

  /** An error for the user: private, or in place of the message for flows that own it. */
  sendError(message: ReplyMessage): Promise<void> {
    if (this.errorPlacement === 'replace' && this.mode === 'update') return this.send({ ...message, components: [] });
    return this.sendPrivately(message);
  }

  /**
   * A modal must be the first response: handlers call this before any slow work. When the
   * interaction was already acknowledged (a slow read let the automatic defer win), `fallback`
   * is shown instead, e.g. a button that opens the modal; without one that is a programming error.
   */
  showModal(modal: ModalBuilder, fallback?: ReplyMessage): Promise<void> {
    return this.enqueue(async () => {
      this.dispose();
      const interaction = this.interaction;
      if (this.state !== 'none' || interaction.isModalSubmit()) {
        if (!fallback || this.state === 'none') throw new Error('a modal can only be the first response to a command or component');
        await interaction.editReply(toPayload(fallback));
        this.state = 'replied';
        return;
      }
      await interaction.showModal(modal);
      this.state = 'replied';
    });
  }
}
