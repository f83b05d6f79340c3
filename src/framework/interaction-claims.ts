/** One execution per interaction ID, however often it is delivered (a gateway replay, a resent POST). */
export interface InteractionClaims {
  /** True the first time an ID is claimed (within the claim's lifetime), false ever after. */
  claim(interactionId: string): Promise<boolean>;
}

/** Discord's interaction tokens live 15 minutes: no delivery of an older interaction can be answered. */
export const INTERACTION_CLAIM_TTL_MS = 15 * 60_000;

/** Claims kept in this process, for a single instance; expired IDs are dropped as new ones come. */
export class InProcessInteractionClaims implements InteractionClaims {
  private readonly claimedAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(interactionId: string): Promise<boolean> {
    const now = this.now();
    // Insertion order is claim order: the oldest go first.
    for (const [id, at] of this.claimedAt) {
      if (now - at < INTERACTION_CLAIM_TTL_MS) break;
      this.claimedAt.delete(id);
    }
    if (this.claimedAt.has(interactionId)) return false;
    this.claimedAt.set(interactionId, now);
    return true;
  }
}
