import { ChartRenderer } from './charts/chart-renderer.js';
import { commandModules } from '../commands/index.js';
import type { Config } from './config.js';
import type { CommandModule } from './framework/command.js';
import { Dispatcher } from './framework/dispatcher.js';
import { commandDefinitions, registerIfChanged } from './framework/registration.js';
import type { Logger } from './logger.js';
import { PluralKitClient } from './pluralkit/client.js';
import type { ImportJobs, Services } from './services.js';
import type { SharedState } from './shared-state/shared-state.js';
import { FrontHistoryCache } from './stats/history-cache.js';
import { SystemDirectory } from './directory/system-directory.js';
import { exposedCollect, MemoryReturn } from './core/memory-return.js';
import { openStores, sqliteFileOf } from './stores/open-stores.js';
import { openSharedState } from './shared-state/open-shared-state.js';
import { EncryptedTokens } from './tokens/encrypted-tokens.js';
import { resolveEncryptionKey, rotatedKeyCandidates } from './vault/keys.js';
import type { AddressInfo } from 'node:net';
import { forgetUser } from './access/forget-user.js';
import { storedInteractionClaims } from './framework/interaction-claims.js';
import { DiscordChannelMessages } from './transport/channel-posting.js';
import { DiscordRest } from './transport/discord-rest.js';
import type { GatewayConnection } from './transport/gateway.js';
import { DISPATCH_MAX_BODY_BYTES, DispatchEndpoint } from './transport/http/dispatch-endpoint.js';
import { EventsEndpoint } from './transport/http/events-endpoint.js';
import { SwitchboardHttpServer } from './transport/http/http-server.js';
import { InteractionsEndpoint } from './transport/http/interactions-endpoint.js';
import { discordPublicKey } from './transport/http/signature.js';
import { systemClock, type Clock } from './core/clock.js';
import { WriteSettler } from './writes/writes.js';
import { ImportRunner } from './fronts/import-runner.js';
import { DispatchReceiver } from './front-log/dispatch.js';
import { FrontLogPoller } from './front-log/poller.js';
import { FrontLogPoster } from './front-log/poster.js';
import { WebhookHealthCheck } from './front-log/webhook-health.js';
import { deliveryOf } from './front-log/subscriptions.js';
import { renderBoardWarning, renderFrontLogPost } from './render/front-log.js';

/** The command registry, here so that the composition root is the one place in src/ that knows commands/. */
export { commandModules };

/** One PluralKit call may take this long for an interaction (it is deferred well before). */
const PLURALKIT_CALL_BUDGET_MS = 8_000;

/** What tests may set that no deployment sets: the clock and budgets, so no test waits on real time. */
export interface AppOptions {
  /** Times the looks at writes whose answer was lost; default the wall clock. */
  clock?: Clock;
  /** How long a write waits for PluralKit; default 25 s. */
  writeBudgetMs?: number;
  /** How long any other PluralKit call may take; default 8 s. */
  pluralkitCallBudgetMs?: number;
}

/** The live front log's moving parts (`/log`). */
export interface FrontLogEngine {
  poster: FrontLogPoster;
  receiver: DispatchReceiver;
  /** Reads polled logs every LOG_POLL_SECONDS; running only without PUBLIC_URL. */
  poller: FrontLogPoller;
  /** Once a day, whether dispatched logs' webhook URLs still point here; running only with PUBLIC_URL. */
  webhookHealth: WebhookHealthCheck;
}

export interface RunningApp {
  dispatcher: Dispatcher;
  services: Services;
  frontLog: FrontLogEngine;
  /** Where the HTTP server listens, when HTTP_PORT is set (port 0 picks a free one). */
  httpAddress?: AddressInfo;
  /** Stop taking interactions, finish in-flight replies, close everything. */
  stop(): Promise<void>;
}

/** Opens the stores, checks the token key, builds the services; nothing touches Discord yet. */
export async function createServices(config: Config, logger: Logger, discord: DiscordRest, options: AppOptions = {}): Promise<Services> {
  const stores = await openStores(config, { onIdleError: (error) => logger.warn({ err: error }, 'a database connection failed while idle; the next call reconnects') });
  let shared: SharedState | undefined;
  try {
    const key = await resolveEncryptionKey({ databasePath: sqliteFileOf(config), configuredKey: config.tokenEncryptionKey, tokens: stores.tokens, logger });
    const tokens = new EncryptedTokens(stores.tokens, key, {
      rotatedKeys: () => rotatedKeyCandidates(key),
      onKeyAdopted: (previousKeyId, keyId) => logger.warn({ previousKeyId, keyId, keyFilePath: key.keyFilePath }, 'the token key was rotated while running; now using the new key from the key file'),
    });
    await tokens.assertKeyMatches();
    shared = await openSharedState(config, logger);
    const pluralkit = new PluralKitClient({
      baseUrl: config.pluralkitApiUrl,
      userAgent: config.pluralkitUserAgent,
      callBudgetMs: options.pluralkitCallBudgetMs ?? PLURALKIT_CALL_BUDGET_MS,
      publicViewTtlMs: config.publicViewTtlMs,
      publicViews: shared.publicViews,
      // One instance's own limiter already paces it exactly; shared buckets only add a wait when instances share them.
      ...(shared.kind === 'redis' ? { sharedRateBuckets: shared.rateBuckets } : {}),
    });
    const clock = options.clock ?? systemClock;
    const memory = new MemoryReturn({
      collect: exposedCollect(),
      clock,
      onCollected: (dropped) => logger.debug({ droppedMb: Math.round(dropped / 1024 / 102.4) / 10 }, 'idle caches dropped their lists; one full collection gave the memory back'),
    });
    const services: Services = {
      config,
      logger,
      stores,
      shared,
      tokens,
      pluralkit,
      discord,
      channels: new DiscordChannelMessages(discord.rest),
      directory: new SystemDirectory(pluralkit, shared.versions, { maxBytes: config.cacheMaxBytes, idleMs: config.cacheIdleMs, onIdleDropped: (bytes) => memory.droppedIdle(bytes) }),
      memory,
      interactions: stores.interactionState,
      // One instance's own writes already drop its reads; shared versions tell it of the other instances' writes.
      frontHistory: new FrontHistoryCache(shared.kind === 'redis' ? { versions: shared.versions } : {}),
      charts: new ChartRenderer({ onUnexpectedExit: (exit) => logger.warn(exit, 'the chart renderer process ended unexpectedly; the next chart starts a new one') }),
      writes: WriteSettler.start({ clock, log: logger, budgetMs: options.writeBudgetMs }),
      // The runner works with the services it belongs to, so it joins them once they exist.
      imports: undefined as unknown as ImportJobs,
    };
    services.imports = new ImportRunner(services, clock);
    return services;
  } catch (error) {
    await shared?.close();
    await stores.close();
    throw error;
  }
}

/** Everything that answers to the outside, built and wired for the configured run mode. */
interface Edges {
  gateway?: GatewayConnection;
  http?: SwitchboardHttpServer;
  httpAddress?: AddressInfo;
  applicationId: string | undefined;
}

/**
 * The transports: the gateway (default) or Discord's HTTP POSTs, and the HTTP server's other routes
 * when HTTP_PORT is set. The gateway package is loaded only in gateway mode, so http mode never
 * holds a websocket client.
 */
async function startEdges(config: Config, logger: Logger, services: Services, dispatcher: Dispatcher, discord: DiscordRest, frontLog: FrontLogEngine): Promise<Edges> {
  const edges: Edges = { applicationId: config.discordApplicationId };
  try {
    if (config.httpPort !== undefined) {
      const http = new SwitchboardHttpServer(logger);
      edges.http = http;
      const now = (): number => Date.now();
      const dispatch = new DispatchEndpoint({ receive: (envelope) => frontLog.receiver.receive(envelope), log: logger });
      http.post('/pluralkit/dispatch', (request) => dispatch.handle(request), { maxBodyBytes: DISPATCH_MAX_BODY_BYTES, tooLargeStatus: 400 });
      if (config.discordPublicKey) {
        const key = discordPublicKey(config.discordPublicKey);
        const events = new EventsEndpoint({ key, log: logger, now, onDeauthorized: (userId) => forgetUser(services, userId) });
        http.post('/discord/events', (request) => events.handle(request));
        if (config.interactions === 'http') {
          const endpoint = new InteractionsEndpoint({ key, sink: dispatcher, rest: discord, log: logger, now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
          http.post('/interactions', (request) => endpoint.handle(request));
        }
      }
      edges.httpAddress = await http.listen(config.httpPort, config.httpHost);
      logger.info({ port: edges.httpAddress.port, host: config.httpHost, interactions: config.interactions }, 'HTTP server listening');
    }
    if (config.interactions === 'gateway') {
      const { GatewayConnection } = await import('./transport/gateway.js');
      const gateway = new GatewayConnection({ token: config.discordToken!, rest: discord, log: logger, sink: dispatcher });
      edges.gateway = gateway;
      const identity = await gateway.connect();
      logger.info({ user: identity.botTag, applicationId: identity.applicationId }, 'connected to Discord');
      edges.applicationId ??= identity.applicationId;
    } else {
      edges.applicationId ??= (await discord.currentApplication()).id;
      logger.info({ applicationId: edges.applicationId }, 'taking interactions over HTTP (no gateway connection)');
    }
    return edges;
  } catch (error) {
    await edges.gateway?.destroy().catch(() => undefined);
    await edges.http?.close().catch(() => undefined);
    throw error;
  }
}

/** `modules` defaults to the registry; tests may add a module of their own. */
export async function startApp(config: Config, logger: Logger, modules: readonly CommandModule[] = commandModules, options: AppOptions = {}): Promise<RunningApp> {
  const discord = new DiscordRest({ token: config.discordToken!, apiUrl: config.discordApiUrl });
  const services = await createServices(config, logger, discord, options);
  const dispatcher = new Dispatcher(services, modules, storedInteractionClaims(services.stores.handledInteractions));
  const clock = options.clock ?? systemClock;
  const poster = new FrontLogPoster(services, clock, (state, previous, subscription, corrected) =>
    renderBoardWarning(renderFrontLogPost(state, previous, { style: subscription.style, corrected }), subscription),
  );
  const frontLog: FrontLogEngine = {
    poster,
    receiver: new DispatchReceiver(services, poster, clock),
    poller: new FrontLogPoller(services, poster, clock, config.logPollMs),
    webhookHealth: new WebhookHealthCheck(services, poster, clock),
  };
  const closeServices = async (): Promise<void> => {
    await frontLog.poller.stop();
    await frontLog.webhookHealth.stop();
    await frontLog.poster.stop();
    await services.pluralkit.close();
    services.directory.dispose();
    services.memory.dispose();
    await services.charts.close();
    await services.shared.close();
    await services.stores.close();
  };
  let edges: Edges;
  try {
    edges = await startEdges(config, logger, services, dispatcher, discord, frontLog);
  } catch (error) {
    await closeServices();
    throw error;
  }

  if (edges.applicationId) {
    try {
      await registerIfChanged({
        rest: discord,
        registration: services.stores.registration,
        definitions: commandDefinitions(modules),
        target: { applicationId: edges.applicationId, guildId: config.devGuildId },
        log: logger,
      });
    } catch (error) {
      logger.error({ err: error }, 'command registration failed; commands may be out of date');
    }
  }
  edges.http?.setReadiness('ready');
  // Imports that were running when the process stopped go on where they stopped.
  void services.imports.resumeAll().catch((error: unknown) => logger.error({ err: error }, 'could not resume the running imports; they resume at the next start'));
  if (deliveryOf(services) === 'polling') frontLog.poller.start();
  else frontLog.webhookHealth.start();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ inFlight: dispatcher.pending }, 'shutting down: finishing in-flight interactions');
      edges.http?.setReadiness('draining');
      // Imports stop after the switch in hand (settled at the next start), and their watchers answer.
      await services.imports.stop();
      // Writes still being checked look once more now and answer, so the drain does not wait minutes.
      const writesSettled = services.writes.stop();
      await dispatcher.drain();
      await writesSettled;
      await edges.gateway?.destroy();
      await edges.http?.close();
      await closeServices();
      logger.info('shut down cleanly');
    })();
    return stopping;
  };
  return { dispatcher, services, frontLog, ...(edges.httpAddress ? { httpAddress: edges.httpAddress } : {}), stop };
}
