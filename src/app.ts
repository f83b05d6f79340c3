import { Events, type Client } from 'discord.js';
import { commandModules } from '../commands/index.js';
import type { Config } from './config.js';
import type { CommandModule } from './discord/command.js';
import { createDiscordClient } from './discord/client.js';
import { Dispatcher } from './discord/dispatcher.js';
import { commandDefinitions, registerIfChanged } from './discord/registration.js';
import type { Logger } from './logger.js';
import { PluralKitClient } from './pluralkit/client.js';
import type { Services } from './services.js';
import { FrontHistoryCache } from './stats/history-cache.js';
import { SystemDirectory } from './session/system-directory.js';
import { openStores, sqliteFileOf } from './stores/open-stores.js';
import { EncryptedTokens } from './tokens/encrypted-tokens.js';
import { resolveEncryptionKey, rotatedKeyCandidates } from './vault/keys.js';

/** One PluralKit call may take this long for an interaction (it is deferred well before). */
const PLURALKIT_CALL_BUDGET_MS = 8_000;

export interface RunningApp {
  client: Client;
  dispatcher: Dispatcher;
  services: Services;
  /** Stop taking interactions, finish in-flight replies, close everything. */
  stop(): Promise<void>;
}

/** Opens the stores, checks the token key, builds the services; nothing touches Discord yet. */
export async function createServices(config: Config, logger: Logger): Promise<Services> {
  const stores = await openStores(config, { onIdleError: (error) => logger.warn({ err: error }, 'a database connection failed while idle; the next call reconnects') });
  try {
    const key = await resolveEncryptionKey({ databasePath: sqliteFileOf(config), configuredKey: config.tokenEncryptionKey, tokens: stores.tokens, logger });
    const tokens = new EncryptedTokens(stores.tokens, key, {
      rotatedKeys: () => rotatedKeyCandidates(key),
      onKeyAdopted: (previousKeyId, keyId) => logger.warn({ previousKeyId, keyId, keyFilePath: key.keyFilePath }, 'the token key was rotated while running; now using the new key from the key file'),
    });
    await tokens.assertKeyMatches();
    const pluralkit = new PluralKitClient({
      baseUrl: config.pluralkitApiUrl,
      userAgent: config.pluralkitUserAgent,
      callBudgetMs: PLURALKIT_CALL_BUDGET_MS,
      publicViewTtlMs: config.publicViewTtlMs,
    });
    return {
      config,
      logger,
      stores,
      tokens,
      pluralkit,
      directory: new SystemDirectory(pluralkit, { maxBytes: config.cacheMaxBytes, idleMs: config.cacheIdleMs }),
      interactions: stores.interactionState,
      frontHistory: new FrontHistoryCache(),
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}

/** `modules` defaults to the registry; tests may add a module of their own. */
export async function startApp(config: Config, logger: Logger, modules: readonly CommandModule[] = commandModules): Promise<RunningApp> {
  const services = await createServices(config, logger);
  const dispatcher = new Dispatcher(services, modules);
  const client = createDiscordClient(config);

  client.on(Events.InteractionCreate, (interaction) => dispatcher.handleInteraction(interaction));
  client.on(Events.MessageCreate, (message) => dispatcher.handleMessage(message));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (readyClient) => {
      logger.info({ user: readyClient.user.tag, applicationId: readyClient.application.id }, 'connected to Discord');
      resolve();
    });
  });
  await client.login(config.discordToken);
  await ready;

  const applicationId = config.discordApplicationId ?? client.application?.id;
  if (applicationId) {
    try {
      await registerIfChanged({
        rest: client.rest,
        registration: services.stores.registration,
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
      await client.destroy();
      await services.pluralkit.close();
      services.directory.dispose();
      await services.stores.close();
      logger.info('shut down cleanly');
    })();
    return stopping;
  };
  return { client, dispatcher, services, stop };
}
