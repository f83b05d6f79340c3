import type { HandledInteractionStore } from '../stores/handled-interactions/handled-interaction-store.js';

/** One execution per interaction ID, however often it is delivered (a gateway replay, a resent POST). */
export interface InteractionClaims {
  /** True the first time an ID is claimed (within the claim's lifetime), false ever after. */
  claim(interactionId: string): Promise<boolean>;
}

/** Discord's interaction tokens live 15 minutes: no delivery of an older interaction can be answered. */
export const INTERACTION_CLAIM_TTL_MS = 15 * 60_000;

/** Claims in the store, so processes sharing a database run each interaction once between them. */
export function storedInteractionClaims(store: HandledInteractionStore): InteractionClaims {
  return { claim: (interactionId) => store.claim(interactionId, INTERACTION_CLAIM_TTL_MS) };
}
