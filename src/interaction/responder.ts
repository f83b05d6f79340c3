import { MessageFlags, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { Visibility } from '../core/visibility.js';
import type { Logger } from '../logger.js';
import type { InteractionCallbacks } from './callbacks.js';
import { toMessageBody, type ReplyMessage } from './message.js';

/** Where an error goes on a component: a new private message (default), or in place of the message it sits on. */
export type ErrorPlacement = 'private' | 'replace';

/** The only way handlers answer an interaction. */
export interface Responder {
  readonly visibility: Visibility;
  readonly acknowledged: boolean;
  /** Set by flows that own the message a button is on (a confirm prompt): errors replace it. */
  errorPlacement: ErrorPlacement;
  /** Changes who will see the reply; only possible before the first response. */
  setVisibility(visibility: Visibility): void;
  /** Acknowledge now, show the reply later (Discord shows "thinking…"). */
  defer(): Promise<void>;
  /** Shows how long work is going in the message that will hold the answer; the next `send` replaces it. */
  progress(message: ReplyMessage): Promise<void>;
  /** Shows a message: the first response, the deferred reply, or a follow-up. */
  send(message: ReplyMessage): Promise<void>;
  /** Something meant for the presser alone, as its own ephemeral message. */
  sendPrivately(message: ReplyMessage): Promise<void>;
  /** An error for the user: private, or in place of the message for flows that own it. */
  sendError(message: ReplyMessage): Promise<void>;
  /** A modal, which must be the first response; `fallback` is shown instead when it no longer can be. */
  showModal(modal: APIModalInteractionResponseCallbackData, fallback?: ReplyMessage): Promise<void>;
}

type ResponseState = 'none' | 'deferred' | 'deferred-update' | 'replied';

/**
 * The Responder for one interaction, over its transport's callbacks. It remembers whether the
 * interaction was already acknowledged and picks the first response, an edit or a follow-up (or
 * an update for components), applies the visibility decided once up front, and defers by itself
 * when a handler's work outlasts Discord's 3-second window. Operations are serialised so an
 * automatic defer never races a reply.
 */
export class InteractionResponder implements Responder {
  private state: ResponseState = 'none';
  /** Who saw the deferral's "thinking…": a public one must not turn into an error message. */
  private deferredVisibility: Visibility | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private autoDeferTimer: NodeJS.Timeout | undefined;
  errorPlacement: ErrorPlacement = 'private';

  constructor(
    private readonly callbacks: InteractionCallbacks,
    private visibilityValue: Visibility,
    private readonly log: Logger,
    /** Components edit the message they sit on; a modal submit cannot answer with another modal. */
    private readonly source: 'command' | 'component' | 'modal',
  ) {}

  get visibility(): Visibility {
    return this.visibilityValue;
  }

  get acknowledged(): boolean {
    return this.state !== 'none';
  }

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

  private get flags(): number | undefined {
    return this.visibilityValue === 'ephemeral' ? MessageFlags.Ephemeral : undefined;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  defer(): Promise<void> {
    return this.enqueue(async () => {
      if (this.state !== 'none') return;
      if (this.source === 'component') {
        await this.callbacks.respond({ type: 'defer-update' });
        this.state = 'deferred-update';
      } else {
        await this.callbacks.respond({ type: 'defer', ephemeral: this.flags !== undefined });
        this.state = 'deferred';
        this.deferredVisibility = this.visibilityValue;
      }
    });
  }

  progress(message: ReplyMessage): Promise<void> {
    return this.defer().then(() =>
      this.enqueue(async () => {
        if (this.state !== 'deferred' && this.state !== 'deferred-update') return;
        await this.callbacks.editOriginal(toMessageBody(message));
      }),
    );
  }

  send(message: ReplyMessage): Promise<void> {
    return this.enqueue(async () => {
      this.dispose();
      if (this.state === 'none') {
        if (this.source === 'component') await this.callbacks.respond({ type: 'update', body: toMessageBody(message) });
        else await this.callbacks.respond({ type: 'message', body: toMessageBody(message, this.flags) });
      } else if (this.state === 'deferred' || this.state === 'deferred-update') {
        await this.callbacks.editOriginal(toMessageBody(message));
      } else {
        await this.callbacks.followUp(toMessageBody(message, this.flags));
      }
      this.state = 'replied';
    });
  }

  /**
   * An error (or anything meant for the presser alone) as its own ephemeral message: on a button
   * it must never replace the message the button sits on, which may be someone else's prompt or
   * a public view.
   */
  sendPrivately(message: ReplyMessage): Promise<void> {
    return this.enqueue(async () => {
      this.dispose();
      const privately = toMessageBody(message, MessageFlags.Ephemeral);
      if (this.state === 'none') {
        await this.callbacks.respond({ type: 'message', body: privately });
      } else if (this.state === 'deferred' && this.deferredVisibility === 'ephemeral') {
        // A private deferred reply is this interaction's own message: finish it rather than leave it "thinking".
        await this.callbacks.editOriginal(toMessageBody(message));
      } else if (this.state === 'deferred') {
        // A public "thinking…" must not become an error everyone sees: answer privately, then remove it.
        await this.callbacks.followUp(privately);
        await this.callbacks.deleteOriginal().catch((error: unknown) => this.log.warn({ err: error }, 'could not remove the public placeholder'));
      } else {
        await this.callbacks.followUp(privately);
      }
      this.state = 'replied';
    });
  }

  sendError(message: ReplyMessage): Promise<void> {
    if (this.errorPlacement === 'replace' && this.source === 'component') return this.send({ ...message, components: [] });
    return this.sendPrivately(message);
  }

  /**
   * A modal must be the first response: handlers call this before any slow work. When the
   * interaction was already acknowledged (a slow read let the automatic defer win), `fallback`
   * is shown instead, e.g. a button that opens the modal; without one that is a programming error.
   */
  showModal(modal: APIModalInteractionResponseCallbackData, fallback?: ReplyMessage): Promise<void> {
    return this.enqueue(async () => {
      this.dispose();
      if (this.state !== 'none' || this.source === 'modal') {
        if (!fallback || this.state === 'none') throw new Error('a modal can only be the first response to a command or component');
        await this.callbacks.editOriginal(toMessageBody(fallback));
        this.state = 'replied';
        return;
      }
      await this.callbacks.respond({ type: 'modal', modal });
      this.state = 'replied';
    });
  }
}
