import type { InteractionCallbacks } from '../interaction/callbacks.js';
import type { DirectMessage, Interaction } from '../interaction/interaction.js';
import type { ReplyMessage } from '../interaction/message.js';

/** Where a transport hands what it received (the dispatcher); the promise settles when it was handled. */
export interface InteractionSink {
  /** `duplicate` when this interaction ID was already handled (nothing ran, nothing was answered). */
  handle(interaction: Interaction, callbacks: InteractionCallbacks): Promise<'handled' | 'duplicate'>;
  handleDirectMessage(message: DirectMessage, reply: (message: ReplyMessage) => Promise<void>): Promise<void>;
}
