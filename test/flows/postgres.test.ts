import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresStores } from '../../src/stores/postgres/postgres-stores.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonId, connectToken, messageText } from '../support/messages.js';
import { postgresAdminUrl, usePostgresDatabase } from '../support/postgres.js';

/* The whole app on PostgreSQL (DATABASE_URL): tokens, prompts and pagers, across a restart. */

const OWNER = { id: '233000000000000001', username: 'owner' };
const GUILD = '333000000000000001';
const HOUR = 3_600_000;

describe.skipIf(!postgresAdminUrl)('the app on PostgreSQL (in-process)', () => {
  const database = usePostgresDatabase();
  let h: Harness;
  let system: { id: string; token: string | null };

  const slash = (subcommand: string, options: Record<string, string | boolean> = {}) =>
    h.discord.slashCommand({ name: 'switch', subcommand, options, user: OWNER, guildId: GUILD }).finalMessage();
  const press = (customId: string) => h.discord.button({ customId, user: OWNER, guildId: GUILD }).finalMessage();
  const switchCount = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/${system.id}/switches?limit=100`, { headers: { authorization: system.token!, 'user-agent': 'test' } });
    return ((await response.json()) as unknown[]).length;
  };

  beforeAll(async () => {
    h = await startHarness({ env: { DATABASE_URL: database.url() } });
    system = h.pluralkit.seedSystem({ name: 'Postgres System', accounts: [OWNER.id] });
    const alice = h.pluralkit.seedMember(system.id, { name: 'Alice' });
    for (let i = 0; i < 14; i++) h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - (20 - i) * HOUR), members: i % 2 ? [] : [alice.id] });
    await connectToken(h.discord, OWNER, system.token!);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('keeps everything in PostgreSQL: the token sealed, nothing in SQLite', async () => {
    expect(h.app.services.stores.backend).toBe('postgres');
    const { pool } = h.app.services.stores as PostgresStores;
    const rows = (await pool.query('SELECT discord_user_id, key_id, ciphertext FROM tokens')).rows as Array<{ discord_user_id: string; ciphertext: Buffer }>;
    expect(rows.map((row) => row.discord_user_id)).toEqual([OWNER.id]);
    expect(rows[0]!.ciphertext.includes(Buffer.from(system.token!))).toBe(false);
    const status = await h.discord.slashCommand({ name: 'token', subcommand: 'status', user: OWNER, guildId: null }).finalMessage();
    expect(messageText(status)).toMatch(/Postgres System/);
  });

  it('a prompt made before a restart is confirmed after it, exactly once; a pager turns its page', async () => {
    const before = await switchCount();
    const prompt = await slash('delete');
    const history = await slash('history', { private: true });
    await h.restart();

    expect(messageText(await press(buttonId(prompt, 'Delete switch')))).toMatch(/Switch deleted/);
    expect(messageText(await press(buttonId(prompt, 'Delete switch')))).toMatch(/already answered/);
    expect(await switchCount()).toBe(before - 1);
    const next = await h.discord.button({ customId: buttonId(history, 'Next'), user: OWNER, guildId: GUILD }).finalMessage();
    expect(JSON.stringify(next.components)).toContain('Page 2');
  });

  it('registers the commands once, and records it in PostgreSQL', async () => {
    expect(await h.app.services.stores.registration.registered()).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(h.logs().filter((line) => line.msg === 'registered commands')).toHaveLength(1);
  });
});
