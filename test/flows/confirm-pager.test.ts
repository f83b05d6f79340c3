import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStores } from '../../src/stores/sqlite/sqlite-stores.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText } from '../support/messages.js';

const OWNER = { id: '230000000000000001', username: 'owner' };
const OTHER = { id: '230000000000000002', username: 'other' };
const GUILD = '330000000000000001';
const HOUR = 3_600_000;

describe('confirm and pager flows (in-process, real dispatcher, emulator over HTTP)', () => {
  let h: Harness;
  let system: { id: string; token: string | null };
  let alice: { id: string };

  const slash = (subcommand: string, options: Record<string, string | boolean> = {}, user = OWNER) =>
    h.discord.slashCommand({ name: 'switch', subcommand, options, user, guildId: GUILD }).finalMessage();
  /** The app's own SQLite file, to age or inspect a stored prompt as time or a crash would. */
  const sqlite = () => (h.app.services.stores as SqliteStores).db;
  const press = (customId: string, user = OWNER) => h.discord.button({ customId, user, guildId: GUILD });
  const switchCount = async () => {
    const response = await fetch(`${h.pluralkit.url}/systems/${system.id}/switches?limit=100`, { headers: { authorization: system.token!, 'user-agent': 'test' } });
    return ((await response.json()) as unknown[]).length;
  };

  let seededAt = Date.now() - 50 * HOUR;
  /** Two more switches, so a delete always has one to delete and one to fall back to. */
  const seedTwo = () => {
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date((seededAt += 60_000)), members: [alice.id] });
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date((seededAt += 60_000)), members: [] });
  };

  beforeAll(async () => {
    h = await startHarness();
    system = h.pluralkit.seedSystem({ name: 'Flow System', accounts: [OWNER.id] });
    alice = h.pluralkit.seedMember(system.id, { name: 'Alice' });
    await connectToken(h.discord, OWNER, system.token!);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('a restart between the prompt and the press still deletes, exactly once', async () => {
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3 * HOUR), members: [alice.id] });
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 2 * HOUR), members: [] });
    const before = await switchCount();
    const prompt = await slash('delete');
    const confirm = buttonId(prompt, 'Delete switch');

    await h.restart();

    const done = await press(confirm).finalMessage();
    expect(messageText(done)).toMatch(/Switch deleted/);
    expect(done.components).toEqual([]);
    expect(await switchCount()).toBe(before - 1);

    const again = press(confirm);
    expect(messageText(await again.finalMessage())).toMatch(/already answered/);
    expect((await again.initialResponse()).type).toBe(4);
    expect(await switchCount()).toBe(before - 1);
  });

  it('Cancel voids the prompt for every button on it', async () => {
    seedTwo();
    const before = await switchCount();
    const prompt = await slash('delete');
    const cancelled = await press(buttonId(prompt, 'Cancel')).finalMessage();
    expect(messageText(cancelled)).toMatch(/nothing was changed/);
    const late = await press(buttonId(prompt, 'Delete switch')).finalMessage();
    expect(messageText(late)).toMatch(/cancelled/);
    expect(late.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(await switchCount()).toBe(before);
  });

  it('Confirm and Cancel pressed together: exactly one wins and the other is told', async () => {
    seedTwo();
    const before = await switchCount();
    const prompt = await slash('delete');
    const [yes, no] = [press(buttonId(prompt, 'Delete switch')), press(buttonId(prompt, 'Cancel'))];
    const texts = [messageText(await yes.finalMessage()), messageText(await no.finalMessage())];
    const deleted = texts.some((text) => /Switch deleted/.test(text));
    const cancelled = texts.some((text) => /Cancelled: nothing was changed/.test(text));
    expect(deleted !== cancelled).toBe(true);
    expect(texts.some((text) => /already|cancelled|Already on it/i.test(text) && !/Cancelled: nothing/.test(text))).toBe(true);
    expect(await switchCount()).toBe(deleted ? before - 1 : before);
  });

  it('someone else cannot answer, and the owner still can afterwards', async () => {
    seedTwo();
    const prompt = await slash('delete');
    const intruder = press(buttonId(prompt, 'Cancel'), OTHER);
    expect(messageText(await intruder.finalMessage())).toMatch(/only they can answer/);
    const cancelled = await press(buttonId(prompt, 'Cancel')).finalMessage();
    expect(messageText(cancelled)).toMatch(/nothing was changed/);
  });

  it('a prompt past its expiry says so and changes nothing', async () => {
    seedTwo();
    const before = await switchCount();
    const prompt = await slash('delete');
    const confirm = buttonId(prompt, 'Delete switch');
    const key = confirm.split(':')[2]!;
    sqlite().prepare('UPDATE interaction_state SET expires_at = ? WHERE key = ?').run(Date.now() - 1000, key);
    const late = await press(confirm).finalMessage();
    expect(messageText(late)).toMatch(/expired/);
    expect(await switchCount()).toBe(before);
  });

  it('a press whose process died after claiming it is recovered after the lease: re-read, then done (issue 23, item 7)', async () => {
    seedTwo();
    const before = await switchCount();
    const prompt = await slash('delete');
    const confirm = buttonId(prompt, 'Delete switch');
    const key = confirm.split(':')[2]!;
    // What a process that claimed the press and died at once leaves behind, just now: still its own.
    sqlite().prepare("UPDATE interaction_state SET status = 'claimed', claimed_at = ? WHERE key = ?").run(Date.now(), key);
    expect(messageText(await press(confirm).finalMessage())).toMatch(/Already on it/);
    expect(await switchCount()).toBe(before);

    // Past the lease, the claim belongs to nobody: the next Confirm takes it over, re-reads and deletes once.
    sqlite().prepare('UPDATE interaction_state SET claimed_at = ? WHERE key = ?').run(Date.now() - 3 * 60_000, key);
    const done = await press(confirm).finalMessage();
    expect(messageText(done)).toMatch(/Switch deleted/);
    expect(await switchCount()).toBe(before - 1);
    expect(messageText(await press(confirm).finalMessage())).toMatch(/already answered/);
    expect(await switchCount()).toBe(before - 1);
  });

  it('a switch changed between prompt and press is not touched', async () => {
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - HOUR), members: [alice.id] });
    const prompt = await slash('edit', { members: 'Alice, ' });
    expect(messageText(prompt)).toMatch(/already fronting/);
    const bob = h.pluralkit.seedMember(system.id, { name: 'Bob' });
    const editPrompt = await slash('edit', { members: bob.id });
    const latest = async () => {
      const response = await fetch(`${h.pluralkit.url}/systems/${system.id}/switches?limit=1`, { headers: { authorization: system.token!, 'user-agent': 'test' } });
      return ((await response.json()) as Array<{ id: string; members: string[] }>)[0]!;
    };
    const current = await latest();
    await fetch(`${h.pluralkit.url}/systems/@me/switches/${current.id}/members`, {
      method: 'PATCH',
      headers: { authorization: system.token!, 'user-agent': 'test', 'content-type': 'application/json' },
      body: JSON.stringify([]),
    });
    const done = await press(buttonId(editPrompt, 'Edit switch')).finalMessage();
    expect(messageText(done)).toMatch(/changed since this prompt was shown/);
    expect(done.components).toEqual([]);
    expect((await latest()).members).toEqual([]);
  });

  it('a history pager turns its page after a restart, and only for its owner', async () => {
    const base = Date.now() - 100 * HOUR;
    for (let i = 0; i < 12; i++) h.pluralkit.seedSwitch(system.id, { timestamp: new Date(base - i * HOUR), members: [alice.id] });
    const first = await slash('history', { private: true });
    expect(first.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(JSON.stringify(first.components)).toContain('Page 1');
    await h.restart();
    const second = await press(buttonId(first, 'Next')).finalMessage();
    expect(JSON.stringify(second.components)).toContain('Page 2');
    expect(messageText(second)).not.toBe(messageText(first));
    const stranger = press(buttonId(second, 'Previous'), OTHER);
    expect(messageText(await stranger.finalMessage())).toMatch(/Only <@230000000000000001> can page/);
    const row = sqlite().prepare("SELECT payload FROM interaction_state WHERE kind = 'switch.history'").all() as Array<{ payload: string }>;
    expect(row.length).toBeGreaterThan(0);
    for (const { payload } of row) expect(payload).not.toContain(system.token!);
  });
});
