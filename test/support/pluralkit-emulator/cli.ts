/**
 * Starts the emulator as a standalone server for a local sandbox:
 *   npx tsx test/support/pluralkit-emulator/cli.ts [--port 8787] [--host 127.0.0.1] [--seed file.json] [--no-rate-limits]
 * Without --seed the bundled demo-seed.json is used. Prints the API URL and each seeded system's
 * token — emulator tokens only; they mean nothing to the real PluralKit.
 */
import { parseArgs } from 'node:util';
import { startPluralKitEmulator } from './index.js';
import { applySeedFile, loadSeedFile } from './seed-file.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'no-rate-limits': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const seedFile = loadSeedFile(values.seed);

  const pk = await startPluralKitEmulator({ port, host: values.host, rateLimits: !values['no-rate-limits'] });
  const { systems } = applySeedFile(pk, seedFile);
  console.log(`PluralKit emulator listening: ${pk.url}`);
  for (const system of systems) {
    console.log(`  system ${system.id}${system.name ? ` (${system.name})` : ''} — emulator token: ${system.token ?? '(none)'}`);
  }

  const shutdown = (): void => {
    pk.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
