/**
 * Starts the emulator as a standalone server for a local sandbox:
 *   npx tsx test/support/pluralkit-emulator/cli.ts [--port 8787] [--host 127.0.0.1] [--seed file.json] [--no-rate-limits]
 * Without --seed the bundled demo-seed.json is used. Prints the API URL and each seeded system's
 * token — emulator tokens only; they mean nothing to the real PluralKit.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startPluralKitEmulator, type PluralKitEmulator } from './index.js';
import { groupSeedSchema, memberSeedSchema, messageSeedSchema, switchSeedSchema, systemSeedSchema } from './seed-schemas.js';

const seedFileSchema = z.strictObject({
  systems: z.array(
    systemSeedSchema.extend({
      members: z.array(memberSeedSchema).optional(),
      groups: z.array(groupSeedSchema).optional(),
      switches: z.array(switchSeedSchema).optional(),
      /** guild ID → system guild settings */
      guilds: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    }),
  ),
  messages: z.array(messageSeedSchema).optional(),
});

type SeedFile = z.infer<typeof seedFileSchema>;

function loadSeedFile(path: string): SeedFile {
  const parsed = seedFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`invalid seed file ${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function applySeedFile(pk: PluralKitEmulator, file: SeedFile): Array<{ id: string; name: string | null; token: string | null }> {
  const seeded = [];
  for (const { members, groups, switches, guilds, ...systemSeed } of file.systems) {
    const system = pk.seedSystem(systemSeed);
    for (const member of members ?? []) pk.seedMember(system.uuid, member);
    for (const group of groups ?? []) pk.seedGroup(system.uuid, group);
    for (const entry of switches ?? []) pk.seedSwitch(system.uuid, entry);
    for (const [guildId, settings] of Object.entries(guilds ?? {})) pk.seedSystemGuildSettings(system.uuid, guildId, settings);
    seeded.push({ id: system.id, name: systemSeed.name ?? null, token: system.token });
  }
  for (const message of file.messages ?? []) pk.seedMessage(message);
  return seeded;
}

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
  const seedPath = values.seed ?? fileURLToPath(new URL('./demo-seed.json', import.meta.url));
  const seedFile = loadSeedFile(seedPath);

  const pk = await startPluralKitEmulator({ port, host: values.host, rateLimits: !values['no-rate-limits'] });
  const systems = applySeedFile(pk, seedFile);
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
