import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { commandModules } from '../../commands/index.js';
import { startApp, type AppOptions, type RunningApp } from '../../src/app.js';
import type { CommandModule } from '../../src/framework/command.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { FakeDiscord } from './fake-discord/index.js';
import { startFakes, type Transport } from './fakes.js';
import type { DispatchTimers, PluralKitEmulator } from './pluralkit-emulator/index.js';
import { ManualClock } from './manual-clock.js';

/*
 * The in-process harness for fast per-subcommand tests: the real app (dispatcher, Responder,
 * vault on a real SQLite file, adapter) runs inside the test process, connected over loopback to
 * the fake Discord (which records every reply) and the PluralKit emulator. No build, no child
 * process; `restart()` replaces the app on the same database, as a redeploy would.
 */


export interface Harness {
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
  app: RunningApp;
  /**
   * The app's clock: it moves only when the test moves it, so a write whose answer was lost
   * waits for the test (`clock.runUntil(settledAnswer(handle))`) instead of for real seconds.
   */
  clock: ManualClock;
  /** Every log line the app wrote, parsed. */
  logs(): Array<Record<string, unknown>>;
  /** Every log line the app wrote, as written. */
  output(): string;
  /** The app's SQLite file. */
  readonly databasePath: string;
  /** Stops the app and starts a new one on the same database and key (a restart or redeploy). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export { TRANSPORTS, type Transport } from './fakes.js';

export interface HarnessOptions {
  /** How Discord delivers interactions (default the gateway). */
  transport?: Transport;
  /** Default false: most tests are not about PluralKit's rate limits. */
  rateLimits?: boolean;
  env?: Record<string, string>;
  /** Extra command modules beside the registry (for testing shared flows). */
  extraModules?: readonly CommandModule[];
  /** The app's budgets, e.g. a short write budget (its clock is always `Harness.clock`). */
  app?: Omit<AppOptions, 'clock'>;
  /** Times the emulator's fault delays (a `ManualTimers` holds a delayed request until `advance`). */
  faultTimers?: DispatchTimers;
  /**
   * Default false: the front log's poller and daily webhook check wait on the harness clock for
   * good, so a test stepping through the bot's other waits (`runUntil`) would wake them instead;
   * only the front log's own tests keep them running.
   */
  frontLogLoops?: boolean;
}

const TEST_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fakes = await startFakes({ transport: options.transport, rateLimits: options.rateLimits ?? false, faultTimers: options.faultTimers });
  const { discord, pluralkit, transport } = fakes;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-harness-'));
  const databasePath = join(dataDir, 'switchboard.db');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig(
    {
      ...fakes.env,
      DATABASE_PATH: databasePath,
      TOKEN_ENCRYPTION_KEY: TEST_KEY,
      LOG_LEVEL: 'debug',
      // Tests change PluralKit behind the bot's back (as pk; or the dashboard would) and look at
      // once; the 5 s public-view cache has its own tests and is switched on where wanted.
      PLURALKIT_PUBLIC_CACHE_SECONDS: '0',
      ...options.env,
    },
    { requireDiscordToken: true, loadDotEnv: false },
  );
  const logger = createLogger(config.logLevel, sink);
  const modules = [...commandModules, ...(options.extraModules ?? [])];
  const clock = new ManualClock();
  const start = async (): Promise<RunningApp> => {
    const app = await startApp(config, logger, modules, { ...options.app, clock });
    if (transport === 'http') fakes.interactionsAt(app.httpAddress!.port);
    if (!options.frontLogLoops) await Promise.all([app.frontLog.poller.stop(), app.frontLog.webhookHealth.stop()]);
    return app;
  };
  const harness: Harness = {
    discord,
    pluralkit,
    app: await start(),
    clock,
    databasePath,
    output: () => lines.join('\n'),
    logs: () =>
      lines.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    async restart() {
      await harness.app.stop();
      harness.app = await start();
    },
    async stop() {
      await harness.app.stop().catch(() => undefined);
      await fakes.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
