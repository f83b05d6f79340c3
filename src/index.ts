import { startApp, type RunningApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { requireDiscordToken: true });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Switchboard cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  // Signals are handled from the first moment, so one that arrives while the
  // bot is still starting waits for the start and then shuts down cleanly.
  const lifecycle: { starting?: Promise<RunningApp> } = {};
  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'signal received');
    const stopping = lifecycle.starting ? lifecycle.starting.then((app) => app.stop()) : Promise.resolve();
    stopping.then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  lifecycle.starting = startApp(config, logger);
  try {
    await lifecycle.starting;
  } catch (error) {
    logger.fatal({ err: error }, 'Switchboard could not start');
    console.error(`Switchboard cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void main();
