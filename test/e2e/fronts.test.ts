import { afterAll, describe, expect, it, vi } from 'vitest';
import { startBotProcess } from '../support/bot-process.js';
import { settledAnswer } from '../support/messages.js';
import { fixture } from '../fronts/fixtures.js';
import { buttonId, connect, EPHEMERAL, messageText, pluralkitGet, startWorld, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '222000000000000001', username: 'owner' };

/** The fixtures' members, with the PluralKit file's IDs. */
function seedLighthouse(world: E2EWorld): string {
  const system = world.pluralkit.seedSystem({ name: 'The Lighthouse' });
  for (const [id, name] of [
    ['qbxvk', 'Alex'],
    ['hmtrs', 'Zoë'],
    ['fnwpy', '桜子'],
    ['ejzka', 'Квинн'],
    ['tcuoj', 'Rowan 🌙'],
  ] as const) {
    world.pluralkit.seedMember(system.id, { id, name });
  }
  return system.token!;
}

const importFile = (world: E2EWorld) =>
  world.discord.slashCommand({ name: 'import', subcommand: 'fronts', options: { file: { attachment: { filename: 'export.json', bytes: fixture('simplyplural') } } }, user: OWNER, guildId: null });

async function switchCount(world: E2EWorld, token: string): Promise<number> {
  return (await pluralkitGet<unknown[]>(world, '/systems/@me/switches?limit=100', token)).body.length;
}

describe.each(TRANSPORTS)('/import fronts and /export fronts on the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  afterAll(() => world?.stop());

  it('imports a Simply Plural export on Confirm, then exports it as CSV', async () => {
    world = await startWorld({ transport });
    world.pluralkit.setRateLimits(false);
    const token = seedLighthouse(world);
    await connect(world, OWNER, token);
    const preview = await settledAnswer(importFile(world), 20_000);
    expect(preview.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(preview)).toMatch(/Switches to add\s+\*\*8\*\*/);
    const summary = await settledAnswer(world.discord.button({ customId: buttonId(preview, 'Import switches'), user: OWNER, guildId: null }), 20_000);
    expect(messageText(summary)).toMatch(/finished: 8 switches added/);
    expect(await switchCount(world, token)).toBe(8);

    const handle = world.discord.slashCommand({ name: 'export', subcommand: 'fronts', user: OWNER, guildId: null });
    expect(messageText(await settledAnswer(handle, 20_000))).toMatch(/range all: 8 switches/);
    const csv = world.discord.requests.find((request) => request.uploads.length > 0 && request.path.includes(handle.token))!.uploads[0]!;
    expect(csv.name).toBe('fronts.csv');
    expect(csv.bytes.toString('utf8').trimEnd().split('\r\n')).toHaveLength(9);
  }, 60_000);
});

describe('an import when the bot process is killed mid-job', () => {
  it('is finished by the next process where it stopped: the switch stored but not recorded is read back, each switch once', async () => {
    const world = await startWorld();
    let second: ReturnType<typeof startBotProcess> | undefined;
    try {
      world.pluralkit.setRateLimits(false);
      const token = seedLighthouse(world);
      await connect(world, OWNER, token);
      const preview = await settledAnswer(importFile(world), 20_000);
      // The first switch is stored, and its answer held back: the bot is killed before it hears it.
      world.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, delayMs: 20_000 });
      world.discord.button({ customId: buttonId(preview, 'Import switches'), user: OWNER, guildId: null });
      await vi.waitFor(async () => expect(await switchCount(world, token)).toBe(1), { timeout: 20_000, interval: 50 });
      await world.bot.stop('SIGKILL');

      second = startBotProcess({ DISCORD_TOKEN: world.discord.botToken, DISCORD_API_URL: world.discord.apiUrl, PLURALKIT_API_URL: world.pluralkit.url }, { dataDir: world.bot.dataDir });
      await second.waitForLog((entry) => entry.msg === 'connected to Discord', 15_000);
      const status = await settledAnswer(world.discord.slashCommand({ name: 'import', subcommand: 'status', user: OWNER, guildId: null }), 30_000);
      expect(messageText(status)).toMatch(/finished: 8 switches added, 0 already there \(skipped\), 0 failed/);
      const switches = (await pluralkitGet<Array<{ timestamp: string }>>(world, '/systems/@me/switches?limit=100', token)).body;
      expect(switches).toHaveLength(8);
      expect(new Set(switches.map((entry) => entry.timestamp)).size).toBe(8);
    } finally {
      await second?.stop('SIGTERM').catch(() => undefined);
      second?.cleanup();
      await world.stop();
    }
  }, 90_000);
});
