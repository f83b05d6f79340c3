import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, messageText, startWorld, STRANGER, type World } from '../helpers.js';

/*
 * /export fronts on the real app: the owner's view of one's own system (private members named),
 * the public view of another's (a private member hidden by PluralKit, not by us), a private front
 * history refused by PluralKit, ranges, JSON, and a history too large for one attachment.
 */

const DAY = 86_400_000;

describe('/export fronts', () => {
  let w: World;
  let uploadsOf: (handle: { token: string }) => Array<{ name: string; bytes: Buffer }>;
  const ids: Record<string, string> = {};
  const start = Date.UTC(2026, 0, 10, 8);

  beforeAll(async () => {
    w = await startWorld({ name: 'Export System' });
    const pk = w.h.pluralkit;
    ids.alex = pk.seedMember(w.system.id, { name: 'Alex ✨' }).id;
    ids.hidden = pk.seedMember(w.system.id, { name: 'Hidden Hal', display_name: 'H.', privacy: { visibility: 'private', name_privacy: 'private' } }).id;
    ids.formula = pk.seedMember(w.system.id, { name: '=1+1' }).id;
    pk.seedSwitch(w.system.id, { timestamp: new Date(start), members: [ids.alex!] });
    pk.seedSwitch(w.system.id, { timestamp: new Date(start + DAY), members: [ids.alex!, ids.hidden!] });
    pk.seedSwitch(w.system.id, { timestamp: new Date(start + 2 * DAY), members: [] });
    pk.seedSwitch(w.system.id, { timestamp: new Date(start + 3 * DAY), members: [ids.formula!] });
    uploadsOf = (handle) => w.h.discord.requests.filter((r) => r.uploads.length > 0 && r.path.includes(handle.token)).flatMap((r) => r.uploads.map((u) => ({ name: u.name, bytes: u.bytes })));
  });
  afterAll(() => w.stop());

  it('exports one’s own history as CSV in the owner view, oldest first, privately', async () => {
    const handle = w.start('export', 'fronts');
    const reply = await handle.finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/Front history of Export System \(`\w+`\) \(as you see it\), range all: 4 switches/);
    const [file] = uploadsOf(handle);
    expect(file!.name).toBe('fronts.csv');
    const lines = file!.bytes.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'start,end,member_ids,member_names,duration_seconds',
      `2026-01-10T08:00:00Z,2026-01-11T08:00:00Z,${ids.alex},Alex ✨,86400`,
      `2026-01-11T08:00:00Z,2026-01-12T08:00:00Z,${ids.alex};${ids.hidden},Alex ✨;Hidden Hal,86400`,
      '2026-01-12T08:00:00Z,2026-01-13T08:00:00Z,,,86400',
      // A name a spreadsheet would run as a formula is made plain.
      `2026-01-13T08:00:00Z,,${ids.formula},'=1+1,`,
    ]);
  });

  it('exports JSON within a range', async () => {
    const handle = w.start('export', 'fronts', { format: 'json', range: '2026-01-12' });
    await handle.finalMessage();
    const [file] = uploadsOf(handle);
    expect(file!.name).toBe('fronts.json');
    const rows = JSON.parse(file!.bytes.toString('utf8')) as Array<{ start: string }>;
    expect(rows.map((row) => row.start)).toEqual(['2026-01-12T08:00:00Z', '2026-01-13T08:00:00Z']);
  });

  it('exports another system’s public view: a private name is shown as PluralKit shows it publicly', async () => {
    const handle = w.start('export', 'fronts', { system: w.system.id }, { user: STRANGER });
    const reply = await handle.finalMessage();
    expect(messageText(reply)).toMatch(/Front history of Export System \(`\w+`\) \(PluralKit's public view\)/);
    const csv = uploadsOf(handle)[0]!.bytes.toString('utf8');
    expect(csv).not.toContain('Hidden Hal');
    expect(csv).toContain(`${ids.alex};${ids.hidden},Alex ✨;H.,`);
  });

  it('is refused when the system keeps its front history private, and when a range holds nothing', async () => {
    const secret = w.h.pluralkit.seedSystem({ name: 'Secret', privacy: { front_history_privacy: 'private' } });
    w.h.pluralkit.seedSwitch(secret.id, { timestamp: new Date(start), members: [] });
    const refused = await w.run('export', 'fronts', { system: secret.id }, { user: STRANGER });
    expect(messageText(refused)).toMatch(/keeps its front history private/);
    const empty = await w.run('export', 'fronts', { range: '24h' });
    expect(messageText(empty)).toMatch(/no front history of Export System \(`\w+`\) in this range/);
  });

  it('splits a history too large for one attachment into complete files', async () => {
    const big = w.h.pluralkit.seedSystem({ name: 'Big' });
    const members = Array.from({ length: 150 }, (_, i) => w.h.pluralkit.seedMember(big.id, { name: `${'Member with a long name '.repeat(3)}${i}` }).id);
    for (let i = 0; i < 1000; i++) w.h.pluralkit.seedSwitch(big.id, { timestamp: new Date(start + i * 60_000), members: i % 2 ? members : members.slice(0, 149) });
    // About 12 kB a row: 1,000 rows pass Discord's 10 MiB.
    const handle = w.start('export', 'fronts', { system: big.id }, { user: STRANGER });
    const reply = await handle.finalMessage();
    const files = uploadsOf(handle);
    expect(files.length).toBeGreaterThan(1);
    expect(messageText(reply)).toMatch(new RegExp(`split into ${files.length} CSV files`));
    expect(files.map((file) => file.name)).toEqual(files.map((_, i) => `fronts-${i + 1}.csv`));
    const rows = files.map((file) => file.bytes.toString('utf8').trimEnd().split('\r\n').length - 1);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(1000);
    for (const file of files) expect(file.bytes.length).toBeLessThanOrEqual(10 * 1024 * 1024);
  }, 60_000);
});
