/*
 * Live front logs (`/log`): which system's front changes are posted to which channel, how, and
 * what was posted last. One subscription per system and channel. The dispatch signing token is
 * kept sealed (src/tokens seals and opens it); the store never sees it in the clear.
 */

export type LogStyle = 'log' | 'board';
export type LogPrivacy = 'public' | 'full';
/** How changes reach the bot: PluralKit's dispatch webhook (PUBLIC_URL set), or reading every interval. */
export type LogDelivery = 'dispatch' | 'polling';
/**
 * `ok`; `token-refused`: PluralKit no longer accepts the owner's token (polling stopped);
 * `webhook-elsewhere`: the system's `webhook_url` no longer points here; `channel-refused`:
 * Discord refused a post in the channel.
 */
export type LogHealth = 'ok' | 'token-refused' | 'webhook-elsewhere' | 'channel-refused';

/** A secret sealed with the token key (AES-256-GCM), and the key ID that sealed it. */
export interface SealedSecret {
  ciphertext: Buffer;
  nonce: Buffer;
  authTag: Buffer;
  keyId: string;
}

export interface LogSubscription {
  systemUuid: string;
  channelId: string;
  guildId: string;
  /** Whose token reads the fronters (the user who set it up). */
  discordUserId: string;
  /** The system's short ID, for wording. */
  systemId: string;
  style: LogStyle;
  privacy: LogPrivacy;
  delivery: LogDelivery;
  /** Dispatch only; null until the owner gives it. */
  signingToken: SealedSecret | null;
  /** `board` style: the message kept up to date. */
  boardMessageId: string | null;
  /** The state last posted (the poster's own text), to say who left and to skip repeats. */
  lastPosted: string | null;
  /** Milliseconds since the epoch. */
  lastEventAt: number | null;
  lastPostAt: number | null;
  health: LogHealth;
  createdAt: number;
}

/** What changes after setup: the poster's bookkeeping and the health. */
export type LogProgress = Partial<Pick<LogSubscription, 'boardMessageId' | 'lastPosted' | 'lastEventAt' | 'lastPostAt' | 'health'>>;

export interface LogSubscriptionStore {
  /** Creates the subscription, or replaces the one of the same system and channel. */
  put(subscription: LogSubscription): Promise<void>;
  get(systemUuid: string, channelId: string): Promise<LogSubscription | undefined>;
  /** Every subscription of a system (the dispatch receiver looks them up by the envelope's UUID). */
  forSystem(systemUuid: string): Promise<LogSubscription[]>;
  /** Every subscription a user set up, oldest first. */
  forUser(discordUserId: string): Promise<LogSubscription[]>;
  /** Subscriptions read by polling that still work, oldest first. */
  polling(): Promise<LogSubscription[]>;
  /** Subscriptions fed by PluralKit's dispatch, whatever their health, oldest first (the daily webhook check). */
  dispatched(): Promise<LogSubscription[]>;
  /** Sets (or clears) the signing token of every subscription of the system; how many there are. */
  setSigningToken(systemUuid: string, token: SealedSecret | null): Promise<number>;
  /** Whether the subscription was there to change. */
  update(systemUuid: string, channelId: string, progress: LogProgress): Promise<boolean>;
  /** Whether there was one to remove. */
  remove(systemUuid: string, channelId: string): Promise<boolean>;
  /** Removes every subscription the user set up; how many. */
  removeForUser(discordUserId: string): Promise<number>;
  /**
   * The right to do `key`'s work (post a system's change, poll it, check its webhook) until
   * `now + leaseMs`: false while another caller's claim on `key` has not expired. Of several
   * instances on one database exactly one gets it; a holder that died only delays the work by the
   * lease. `now` is the caller's clock (milliseconds since the epoch). Claims are not copied by
   * `snapshot`: they last seconds.
   */
  claim(key: string, leaseMs: number, now: number): Promise<boolean>;
  /** Every subscription, for copying to another database (signing tokens still sealed). */
  snapshot(): Promise<LogSubscription[]>;
  /** Replaces every subscription with `rows`, in one transaction. */
  restore(rows: readonly LogSubscription[]): Promise<void>;
}
