import type { APIApplicationCommandOptionChoice, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { MessageBody } from './message.js';

/** The one first answer an interaction gets (Discord's interaction callback types 4 to 9). */
export type InitialResponse =
  | { type: 'message'; body: MessageBody }
  | { type: 'defer'; ephemeral: boolean }
  | { type: 'defer-update' }
  | { type: 'update'; body: MessageBody }
  | { type: 'choices'; choices: APIApplicationCommandOptionChoice[] }
  | { type: 'modal'; modal: APIModalInteractionResponseCallbackData };

/**
 * How an answer reaches Discord for one interaction. The first response travels differently per
 * transport (a REST callback for the gateway, the HTTP response itself for the interactions
 * endpoint); edits and follow-ups always go through the interaction's webhook. The Responder is
 * written once against this port.
 */
export interface InteractionCallbacks {
  respond(response: InitialResponse): Promise<void>;
  editOriginal(body: MessageBody): Promise<void>;
  deleteOriginal(): Promise<void>;
  followUp(body: MessageBody): Promise<void>;
}
