import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText } from '../support/messages.js';

/* Issue 23, item 8: the bot's own storage failing is said as such, and a damaged prompt is dropped. */

const OWNER = { id: '231000000000000001', username: 'owner' };
const GUILD = '331000000000000001';
const HOUR = 3_600_000;

describe('storage faults (in-process, real SQLite file)', () => {
  let h: Harness;
  let system: { id: string; token: string | null };
  /** A second connection to the bot's file, as an operator's tool (or a damaged disk) would have. */
  let outside: Database.Database;

  const slash = (subcommand: string) => h.discord.slashCommand({ name: 'switch', subcommand, user: OWNER, guildId: GUILD }).finalMessage();
  const press = (customId: string) => h.discord.button({ customId, user: OWNER, guildId: GUILD }).finalMessage();
  const switchCount = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/${system.id}/switches?limit=100`, { headers: { authorization: system.token!, 'user-agent': 'test' } });
    return ((await response.json()) as unknown[]).length;
  };
  const stateRows = () => (outside.prepare('SELECT COUNT(*) AS n FROM interaction_state').get() as { n: number }).n;

  beforeAll(async () => {
    h = await startHarness();
    system = h.pluralkit.seedSystem({ name: 'Fault System', accounts: [OWNER.id] });
    const alice = h.pluralkit.seedMember(system.id, { name: 'Alice' });
    for (let i = 0; i < 6; i++) h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - (10 - i) * HOUR), members: i % 2 ? [] : [alice.id] });
    await connectToken(h.discord, OWNER, system.token!);
    outside = new Database(h.app.services.config.databasePath);
  });

  afterAll(async () => {
    outside.close();
    await h.stop();
  });

  it('a read-only database: the user is told the bot cannot save right now and nothing was changed', async () => {
    const before = { switches: await switchCount(), rows: stateRows() };
    const appDatabase = (h.app.services.stores as SqliteStores).db;
    appDatabase.pragma('query_only = 1');
    try {
      const reply = await slash('delete');
      expect(messageText(reply)).toBe("❌ Switchboard can't save anything right now: its storage is read-only. Nothing was changed; please try again later.");
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.components ?? []).toEqual([]);
    } finally {
      appDatabase.pragma('query_only = 0');
    }
    expect({ switches: await switchCount(), rows: stateRows() }).toEqual(before);
    const failure = h.logs().find((line) => line.msg === 'interaction failed' && JSON.stringify(line.err).includes('StorageError'));
    expect(failure?.level).toBe(50);
  });

  it('a prompt whose stored state was damaged is dropped: "can\'t be used any more", nothing changed', async () => {
    const before = await switchCount();
    const prompt = await slash('delete');
    const confirm = buttonId(prompt, 'Delete switch');
    const key = confirm.split(':')[2]!;
    outside.prepare("UPDATE interaction_state SET payload = '{\"switchId\": tru' WHERE key = ?").run(key);

    const answer = await press(confirm);
    expect(messageText(answer)).toBe("❌ This prompt can't be used any more (what it saved was damaged), so nothing was changed. Run the command again.");
    expect(await switchCount()).toBe(before);
    expect(outside.prepare('SELECT 1 FROM interaction_state WHERE key = ?').get(key)).toBeUndefined();

    const again = await press(buttonId(prompt, 'Cancel'));
    expect(messageText(again)).toMatch(/not valid any more/);
  });
});
