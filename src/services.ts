import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { PluralKitClient } from './pluralkit/client.js';
import type { FrontHistoryCache } from './stats/history-cache.js';
import type { SystemDirectory } from './session/system-directory.js';
import type { InteractionStateStore } from './stores/interaction-state/interaction-state-store.js';
import type { Stores } from './stores/stores.js';
import type { EncryptedTokens } from './tokens/encrypted-tokens.js';

/** Long-lived collaborators shared by every handler, built once at start. */
export interface Services {
  config: Config;
  logger: Logger;
  /** Everything stored (SQLite or PostgreSQL), one store per kind. */
  stores: Stores;
  /** The users' PluralKit tokens, sealed in `stores.tokens` and opened per call. */
  tokens: EncryptedTokens;
  pluralkit: PluralKitClient;
  /** Per-user caches of the caller's own member list and time zone. */
  directory: SystemDirectory;
  /** Prompts, pagers and forms behind buttons and modals (`stores.interactionState`; survives restarts). */
  interactions: InteractionStateStore;
  /** Front histories read for /stats and member cards, per auth context, briefly. */
  frontHistory: FrontHistoryCache;
}
