/*
 * One interaction ID, one execution: Discord may deliver an interaction twice (a gateway replay,
 * an HTTP retry, two instances behind a load balancer), and only the first claim runs it.
 */

export interface HandledInteractionStore {
  /**
   * True exactly once per interaction ID among every process sharing the database, for `ttlMs`
   * (long enough to outlive any redelivery; expired claims are swept).
   */
  claim(interactionId: string, ttlMs: number): Promise<boolean>;
  /** Drops expired claims; returns how many. */
  sweep(): Promise<number>;
}

/** Sweep expired claims about once per this many claims. */
export const SWEEP_HANDLED_EVERY = 500;
