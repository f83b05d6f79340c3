import type { ChartRenderer } from './charts/chart-renderer.js';
import type { Config } from './config.js';
import type { ChannelMessages } from './interaction/channel-messages.js';
import type { DirectMessages } from './interaction/direct-messages.js';
import type { Logger } from './logger.js';
import type { MemoryReturn } from './core/memory-return.js';
import type { PluralKitClient } from './pluralkit/client.js';
import type { SharedState } from './shared-state/shared-state.js';
import type { FrontHistoryCache } from './stats/history-cache.js';
import type { SystemDirectory } from './directory/system-directory.js';
import type { InteractionStateStore } from './stores/interaction-state/interaction-state-store.js';
import type { ImportJobRecord, StartResult } from './stores/import-jobs/import-job-store.js';
import type { Stores } from './stores/stores.js';
import type { EncryptedTokens } from './tokens/encrypted-tokens.js';
import type { WriteSettler } from './writes/writes.js';

/** Long-lived collaborators shared by every handler, built once at start. */
export interface Services {
  config: Config;
  logger: Logger;
  /** Everything stored (SQLite or PostgreSQL), one store per kind. */
  stores: Stores;
  /** Rate limits, public views and list versions: this process's own, or Redis shared by every instance (REDIS_URL). */
  shared: SharedState;
  /** The users' PluralKit tokens, sealed in `stores.tokens` and opened per call. */
  tokens: EncryptedTokens;
  pluralkit: PluralKitClient;
  /** DMs to users, through Discord's REST API (both transports). */
  discord: DirectMessages;
  /** Posts and edits in server channels (the front log), through Discord's REST API. */
  channels: ChannelMessages;
  /** Per-user caches of the caller's own member list and time zone. */
  directory: SystemDirectory;
  /** One full collection after idle caches dropped a lot, so an idle bot's RSS falls back. */
  memory: MemoryReturn;
  /** Prompts, pagers and forms behind buttons and modals (`stores.interactionState`; survives restarts). */
  interactions: InteractionStateStore;
  /** Front histories read for /stats and member cards, per auth context, briefly. */
  frontHistory: FrontHistoryCache;
  /** Paints charts in a renderer process of its own, so Skia and fonts never stay in the bot's memory. */
  charts: ChartRenderer;
  /**
   * Every write to PluralKit, settled by reading back when its answer is lost. A handler's
   * `ctx.services.writes` is bound to its interaction (src/framework/write-audience.ts).
   */
  writes: WriteSettler;
  /** Confirmed front history imports, run in the background and resumed after a restart (src/fronts/import-runner.ts). */
  imports: ImportJobs;
}

/**
 * The background import jobs as handlers see them. A port, so that the runner (a domain part that
 * works with the services) is not a type the services themselves must import.
 */
export interface ImportJobs {
  /** Picks up every job that was running when the process stopped. */
  resumeAll(): Promise<void>;
  /** Starts a previewed job (one per system) and runs it in the background. */
  begin(jobId: string): Promise<StartResult>;
  /** Tells `onProgress` after every switch; resolves when the job ends, or this process stops. */
  watch(jobId: string, onProgress: (job: ImportJobRecord) => void): Promise<ImportJobRecord | undefined>;
  /** Stops every job after the switch in hand. */
  stop(): Promise<void>;
}
