import type { HandledInteractionStore } from './handled-interactions/handled-interaction-store.js';
import type { ImportJobStore } from './import-jobs/import-job-store.js';
import type { LogSubscriptionStore } from './log-subscriptions/log-subscription-store.js';
import type { InteractionStateStore } from './interaction-state/interaction-state-store.js';
import type { PreferencesStore } from './preferences/preferences-store.js';
import type { RegistrationStore } from './registration/registration-store.js';
import type { TokenStore } from './tokens/token-store.js';

/**
 * Everything Switchboard stores, one store per kind of data, all in one database: the SQLite
 * file (default) or PostgreSQL (DATABASE_URL). A new kind is one folder under src/stores with
 * its interface, one implementation per database with its migrations, and a contract test.
 */
export interface Stores {
  readonly backend: 'sqlite' | 'postgres';
  tokens: TokenStore;
  interactionState: InteractionStateStore;
  registration: RegistrationStore;
  handledInteractions: HandledInteractionStore;
  /** Front history imports: their plans and how far they got. */
  importJobs: ImportJobStore;
  logSubscriptions: LogSubscriptionStore;
  preferences: PreferencesStore;
  close(): Promise<void>;
}
