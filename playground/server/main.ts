/**
 * `npm run playground`: the PluralKit emulator with demo data, the fake Discord and the real bot
 * connected to both, and a page on 127.0.0.1 that looks and behaves enough like Discord to try
 * every command. No Discord account and no network needed.
 *   npm run playground [-- --port 8790] [--built] [--verbose]
 */
import { parseArgs } from 'node:util';
import { startPlayground } from './playground.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8790' },
      built: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  console.log('Starting the PluralKit emulator, the fake Discord and the bot…');
  const playground = await startPlayground({
    port,
    built: values.built,
    onBotLine: (line) => {
      if (values.verbose || /"level":(50|60)/.test(line) || !line.startsWith('{')) console.log(`[bot] ${line}`);
    },
  });
  // From the process's start, so the figure includes compiling the playground's own sources.
  console.log(`Ready in ${process.uptime().toFixed(1)} s. Open ${playground.url}`);
  console.log('Everything runs on this machine with demo data; Ctrl+C stops it.');

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    playground.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  void playground.world.bot.waitForExit(2 ** 31 - 1).then((code) => {
    if (stopping) return;
    console.error(`The bot exited (${code}); stopping the playground.`);
    shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(`The playground could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
