/*
 * Which command definitions are registered with Discord (a hash of exactly what was sent where),
 * so a start registers only when they changed, and of several instances starting together only
 * one registers.
 */

export interface RegistrationRecord {
  hash: string;
  /** Milliseconds since the epoch. */
  registeredAt: number;
}

export interface RegistrationStore {
  /** The definitions last registered, if any. */
  registered(): Promise<RegistrationRecord | undefined>;
  /** Records that `hash` is registered now, and releases any claim. */
  recordRegistration(hash: string): Promise<void>;
  /**
   * The right to register `hash` for `leaseMs`: false when `hash` is registered already or another
   * caller holds an unexpired claim. A claim whose holder died lapses after the lease.
   */
  claimRegistration(hash: string, leaseMs: number): Promise<boolean>;
}
