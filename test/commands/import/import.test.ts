import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FrontSource } from '../../../src/fronts/source.js';
import type { SlashOptionValue } from '../../support/fake-discord/types.js';
import { ManualTimers } from '../../support/pluralkit-emulator/timers.js';
import { connectToken, settledAnswer } from '../../support/messages.js';
import { fixture } from '../../fronts/fixtures.js';
import { EPHEMERAL, messageText, OWNER, startWorld, type World } from '../helpers.js';

/*
 * /import fronts and /import status on the real app, the fake Discord (which serves the
 * attachment from its CDN) and the PluralKit emulator (which keeps PluralKit's rules: one switch
 * per instant). Each test imports into a system of its own.
 */

/** The Lighthouse's first two days, as every fixture tells them. */
const TWO_DAYS = [
  '2025-03-01T08:00:00Z qbxvk',
  '2025-03-01T12:30:00Z qbxvk+hmtrs',
  '2025-03-01T14:00:00Z hmtrs',
  '2025-03-01T18:00:00Z fnwpy',
  '2025-03-01T23:00:00Z -',
  '2025-03-02T07:15:00Z ejzka',
  '2025-03-02T10:00:00Z ejzka+tcuoj',
  '2025-03-02T11:00:00Z tcuoj',
];
/** The PluralKit export keeps PluralKit's microseconds. */
const EXACT: Record<FrontSource, string[]> = {
  pluralkit: TWO_DAYS.map((line) => line.replace('12:30:00Z', '12:30:00.250417Z').replace('14:00:00Z', '14:00:00.5Z')),
  simplyplural: TWO_DAYS,
  octocon: TWO_DAYS,
};

const WRITES = /^(POST|PATCH|DELETE) /;

describe('/import fronts', () => {
  const pkTimers = new ManualTimers();
  let w: World;

  beforeAll(async () => {
    w = await startWorld({ name: 'Import' }, { faultTimers: pkTimers });
  });
  afterAll(async () => {
    pkTimers.advance(3_600_000);
    await w.stop();
  });

  /** A fresh Lighthouse (the fixtures' members, with the PluralKit file's IDs), connected as the owner's system. */
  let systemId = '';
  async function lighthouse(): Promise<string> {
    const pk = w.h.pluralkit;
    // Member IDs are the file's, so each test starts PluralKit afresh (the bot's own caches go by system).
    pk.reset();
    const system = pk.seedSystem({ name: 'The Lighthouse' });
    pk.seedMember(system.id, { id: 'qbxvk', name: 'Alex', display_name: 'Alex ✨' });
    pk.seedMember(system.id, { id: 'hmtrs', name: 'Zoë' });
    pk.seedMember(system.id, { id: 'fnwpy', name: '桜子', display_name: 'さくらこ' });
    pk.seedMember(system.id, { id: 'ejzka', name: 'Квинн' });
    pk.seedMember(system.id, { id: 'tcuoj', name: 'Rowan 🌙' });
    pk.seedMember(system.id, { id: 'wlgny', name: 'Mira' });
    await connectToken(w.h.discord, OWNER, system.token!);
    systemId = system.id;
    return system.token!;
  }

  const file = (bytes: Buffer | string, filename = 'export.json', size?: number) => ({ attachment: { filename, bytes, ...(size !== undefined ? { size } : {}) } });

  async function history(token: string): Promise<string[]> {
    const switches = (await w.pk<Array<{ timestamp: string; members: string[] }>>('/systems/@me/switches?limit=100', token)).body;
    return switches.map((entry) => `${entry.timestamp} ${entry.members.join('+') || '-'}`).reverse();
  }

  async function preview(source: FrontSource) {
    const reply = await settledAnswer(w.start('import', 'fronts', { file: file(fixture(source)) }));
    return reply as Parameters<World['press']>[0];
  }

  it.each(['pluralkit', 'simplyplural', 'octocon'] as const)('%s export: previews, imports on Confirm, and a second import adds nothing', async (source) => {
    const token = await lighthouse();
    const shown = await preview(source);
    expect(shown.flags & EPHEMERAL).toBe(EPHEMERAL);
    const text = messageText(shown);
    expect(text).toMatch(/Switches to add\s+\*\*8\*\* \(2025-03-01 → 2025-03-02\)/);
    expect(text).toMatch(/Matched members/);
    expect(await history(token)).toEqual([]);

    const summary = await settledAnswer(w.startPress(shown, 'Import switches'));
    expect(messageText(summary)).toMatch(/finished: 8 switches added, 0 already there \(skipped\), 0 failed/);
    expect(await history(token)).toEqual(EXACT[source]);

    const again = await preview(source);
    expect(messageText(again)).toMatch(/Nothing to add/);
    expect(again.components ?? []).toEqual([]);
    expect(messageText(await w.run('import', 'status'))).toMatch(/finished: 8 switches added/);
  });

  it('lists what it cannot import: custom fronts, an unmatched member (escaped), and skips what PluralKit has', async () => {
    const token = await lighthouse();
    await w.pk('/systems/@me/switches', token);
    const sp = JSON.parse(fixture('simplyplural').toString('utf8')) as { members: Array<{ name: string }> };
    const ghost = sp.members.find((member) => member.name === 'Ghost')!;
    ghost.name = '**Ghost** @everyone';
    const text = messageText(await settledAnswer(w.start('import', 'fronts', { file: file(JSON.stringify(sp)), source: 'simplyplural' })));
    expect(text).toMatch(/Not matched, left out \(1\)/);
    expect(text).toContain('\\*\\*Ghost\\*\\* @everyone (1 switch)');
    expect(text).toMatch(/Custom fronts \(not imported\)[\s\S]*Blurry/);
    expect(text).toMatch(/2 switches that would not change who is fronting/);
  });

  it('refuses a Confirm when PluralKit took one of the planned instants since the preview, and writes nothing', async () => {
    const token = await lighthouse();
    const shown = await preview('simplyplural');
    const logged = await fetch(`${w.h.pluralkit.url}/systems/@me/switches`, {
      method: 'POST',
      headers: { authorization: token, 'user-agent': 'test', 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: '2025-03-01T14:00:00Z', members: ['wlgny'] }),
    });
    expect(logged.status).toBe(200);
    const refused = await w.countedPress(shown, 'Import switches');
    expect(messageText(refused.reply)).toMatch(/Your front history over the span of this import changed since this prompt was shown, so nothing was done/);
    expect(refused.requests.filter((request) => WRITES.test(request))).toEqual([]);
    expect(await history(token)).toEqual(['2025-03-01T14:00:00Z wlgny']);
  });

  it('goes on past a switch PluralKit refuses, and the summary says which and why', async () => {
    const token = await lighthouse();
    const shown = await preview('octocon');
    // 桜子 is deleted after the preview: her switch can no longer be created.
    const deleted = await fetch(`${w.h.pluralkit.url}/members/fnwpy`, { method: 'DELETE', headers: { authorization: token, 'user-agent': 'test' } });
    expect(deleted.status).toBe(204);
    const summary = messageText(await settledAnswer(w.startPress(shown, 'Import switches')));
    expect(summary).toMatch(/finished: 7 switches added, 0 already there \(skipped\), 1 failed/);
    expect(summary).toContain('- 2025-03-01T18:00:00Z: a member no longer in your system');
    expect(await history(token)).toEqual(TWO_DAYS.filter((line) => !line.includes('fnwpy')));
  });

  const badFiles: Array<[string, Record<string, SlashOptionValue>, RegExp]> = [
    ['an image', { file: file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]), 'front.png') }, /not text \(not UTF-8\)/],
    ['too big (by Discord’s size)', { file: file('{}', 'big.json', 26 * 1024 * 1024) }, /larger than 25 MB/],
    ['malformed JSON', { file: file('{"switches": [}') }, /not valid JSON \(the first error is at line 1, column \d+\)/],
    ['an unknown format', { file: file('{"notes": [], "polls": []}') }, /not a PluralKit .* export \(its top-level keys: `notes`, `polls`\)/],
    ['an empty file', { file: file('   \n') }, /That file is empty/],
    ['an export without history', { file: file('{"version": 2, "members": [], "switches": []}') }, /PluralKit export holds no front history/],
    ['another app than chosen', { file: file(fixture('octocon')), source: 'simplyplural' }, /export of Octocon, not of Simply Plural/],
    ['a broken export', { file: file('{"frontHistory": [{"member": "a", "startTime": "yesterday"}]}') }, /`frontHistory\[0\]\.startTime`/],
  ];

  it.each(badFiles)('refuses %s with one clear message and writes nothing', async (_name, options, message) => {
    const token = await lighthouse();
    const jobsBefore = (await w.h.app.services.stores.importJobs.latestFor(systemId)) ?? null;
    const requests = await w.requestsDuring(async () => {
      const reply = await settledAnswer(w.start('import', 'fronts', options));
      expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(messageText(reply)).toMatch(message);
      expect(messageText(reply)).toMatch(/Nothing was imported/);
    });
    expect(requests.filter((request) => WRITES.test(request))).toEqual([]);
    expect(await history(token)).toEqual([]);
    expect((await w.h.app.services.stores.importJobs.latestFor(systemId)) ?? null).toEqual(jobsBefore);
  });

  it('never downloads a file Discord says is too big', async () => {
    await lighthouse();
    const before = w.h.discord.requests.filter((request) => request.route === 'cdn attachment').length;
    await settledAnswer(w.start('import', 'fronts', { file: file('{}', 'big.json', 26 * 1024 * 1024) }));
    expect(w.h.discord.requests.filter((request) => request.route === 'cdn attachment').length).toBe(before);
  });

  it('resumes after a restart where it stopped: the switch sent but not recorded is read back, no duplicate, no gap', async () => {
    const token = await lighthouse();
    const shown = await preview('simplyplural');
    // PluralKit stores the first switch, and its answer is held: the bot stops before hearing it.
    w.h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, delayMs: 3_600_000 });
    const press = w.startPress(shown, 'Import switches');
    await vi.waitFor(async () => expect(await history(token)).toHaveLength(1), { timeout: 10_000 });
    const jobId = (await w.h.app.services.stores.importJobs.latestFor(systemId))!.id;
    expect(await w.h.app.services.stores.importJobs.get(jobId)).toMatchObject({ status: 'running', next: 0 });

    await w.h.restart();
    // The press's reply said the import goes on.
    expect(String(press.edits().at(-1)?.content)).toMatch(/goes on in the background: 0 of 8 switches/);
    const status = await settledAnswer(w.start('import', 'status'));
    expect(messageText(status)).toMatch(/finished: 8 switches added, 0 already there \(skipped\), 0 failed/);
    expect(await history(token)).toEqual(TWO_DAYS);
  }, 30_000);

  it('stops when the token is removed, and says so with how far it got', async () => {
    const token = await lighthouse();
    const shown = await preview('pluralkit');
    w.h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', afterCommit: true, delayMs: 60_000 });
    const press = w.startPress(shown, 'Import switches');
    await vi.waitFor(async () => expect(await history(token)).toHaveLength(1), { timeout: 10_000 });
    expect(await w.h.app.services.tokens.remove(OWNER.id)).toBe(true);
    pkTimers.advance(60_000);
    const summary = messageText(await settledAnswer(press));
    expect(summary).toMatch(/stopped because your PluralKit token was removed from Switchboard .*: 1 of 8 switches \(12%\): 1 added/);
    expect(await history(token)).toHaveLength(1);
    await connectToken(w.h.discord, OWNER, token);
    expect(messageText(await w.run('import', 'status'))).toMatch(/stopped because/);
  }, 30_000);

  it('runs one import per system at a time', async () => {
    await lighthouse();
    const first = await preview('octocon');
    w.h.pluralkit.injectFault({ method: 'POST', path: '/systems/@me/switches', delayMs: 3_600_000 });
    const press = w.startPress(first, 'Import switches');
    await vi.waitFor(() => expect(w.h.pluralkit.requests.some((request) => request.method === 'POST' && request.status === 0)).toBe(true), { timeout: 10_000 });
    const second = await settledAnswer(w.start('import', 'fronts', { file: file(fixture('pluralkit')) }));
    expect(messageText(second)).toMatch(/already has an import running \(0 of 8 switches done\): one import at a time/);
    pkTimers.advance(3_600_000);
    expect(messageText(await settledAnswer(press))).toMatch(/finished: 8 switches added/);
  }, 30_000);
});
