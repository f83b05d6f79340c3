import type Database from 'better-sqlite3';
import { commandModules } from '../commands/index.js';
import type { Config } from './config.js';
import type { CommandModule } from './framework/command.js';
import { Dispatcher } from './framework/dispatcher.js';
import { commandDefinitions, registerIfChanged } from './framework/registration.js';
import type { Logger } from './logger.js';
import { PluralKitClient } from './pluralkit/client.js';
import type { Services } from './services.js';
import { InteractionStore } from './session/interaction-store.js';
import { FrontHistoryCache } from './stats/history-cache.js';
import { SystemDirectory } from './directory/system-directory.js';
import { openDatabase } from './vault/database.js';
import { resolveEncryptionKey } from './vault/keys.js';
import { TokenVault } from './vault/token-vault.js';
import { DiscordRest } from './transport/discord-rest.js';
import { GatewayConnection } from './transport/gateway.js';

/** The command registry, here so that the composition root is the one place in src/ that knows commands/. */
export { commandModules };

/** One PluralKit call may take this long for an interaction (it is deferred well before). */
const PLURALKIT_CALL_BUDGET_MS = 8_000;

export interface RunningApp {
  dispatcher: Dispatcher;
  services: Services;
  /** Stop taking interactions, finish in-flight replies, close everything. */
  stop(): Promise<void>;
}

/** Opens the vault, checks the key, builds the services; nothing touches Discord yet. */
export function createServices(config: Config, logger: Logger, discord: DiscordRest): Services {
  const db: Database.Database = openDatabase(config.databasePath);
  try {
    const key = resolveEncryptionKey({ databasePath: config.databasePath, configuredKey: config.tokenEncryptionKey, db, logger });
    const vault = new TokenVault(db, key);
    vault.assertKeyMatches();
    const pluralkit = new PluralKitClient({
      baseUrl: config.pluralkitApiUrl,
      userAgent: config.pluralkitUserAgent,
      callBudgetMs: PLURALKIT_CALL_BUDGET_MS,
      publicViewTtlMs: config.publicViewTtlMs,
    });
    return {
      config,
      logger,
      db,
      vault,
      pluralkit,
      discord,
      directory: new SystemDirectory(pluralkit, { maxBytes: config.cacheMaxBytes, idleMs: config.cacheIdleMs }),
      interactions: new InteractionStore(db),
      frontHistory: new FrontHistoryCache(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** `modules` defaults to the registry; tests may add a module of their own. */
export async function startApp(config: Config, logger: Logger, modules: readonly CommandModule[] = commandModules): Promise<RunningApp> {
  const discord = new DiscordRest({ token: config.discordToken!, apiUrl: config.discordApiUrl });
  const services = createServices(config, logger, discord);
  const dispatcher = new Dispatcher(services, modules);
  const gateway = new GatewayConnection({ token: config.discordToken!, rest: discord, log: logger, sink: dispatcher });
  let identity;
  try {
    identity = await gateway.connect();
  } catch (error) {
    await gateway.destroy().catch(() => undefined);
    await services.pluralkit.close();
    services.directory.dispose();
    services.db.close();
    throw error;
  }
  logger.info({ user: identity.botTag, applicationId: identity.applicationId }, 'connected to Discord');

  const applicationId = config.discordApplicationId ?? identity.applicationId;
  if (applicationId) {
    try {
      await registerIfChanged({
        rest: discord,
        db: services.db,
        definitions: commandDefinitions(modules),
        target: { applicationId, guildId: config.devGuildId },
        log: logger,
      });
    } catch (error) {
      logger.error({ err: error }, 'command registration failed; commands may be out of date');
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ inFlight: dispatcher.pending }, 'shutting down: finishing in-flight interactions');
      await dispatcher.drain();
      await gateway.destroy();
      await services.pluralkit.close();
      services.directory.dispose();
      services.db.close();
      logger.info('shut down cleanly');
    })();
    return stopping;
  };
  return { dispatcher, services, stop };
}
