import { performance } from 'node:perf_hooks';
import { buttonId, connectToken, messageText, settledAnswer } from '../test/support/messages.js';
import { lcg, memberName, someFronters } from './import-data.js';
import { startBenchWorld } from './support.js';

/*
 * A confirmed import of 1,000 switches (`IMPORT_BENCH_SWITCHES` to change) on the real bot
 * process against the emulator with PluralKit's rate limits on: from the Confirm press to the
 * summary, beside the floor PluralKit's own-system write budget sets (3 writes a second, after a
 * burst of 2), and the 429s PluralKit answered (target 0).
 */

const OWNER = { id: '250000000000000001', username: 'importer' };
const MEMBERS = 40;
const MINUTE = 60_000;

/** A PluralKit export of `count` switches a few minutes apart, ending a minute ago, of the system's members. */
function exportOf(ids: readonly string[], count: number, now: number): Buffer {
  const random = lcg(5);
  const switches = Array.from({ length: count }, (_, i) => ({ timestamp: new Date(now - MINUTE - i * 7 * MINUTE).toISOString(), members: someFronters(random, ids) }));
  return Buffer.from(JSON.stringify({ version: 2, id: 'bench', members: ids.map((id, i) => ({ id, name: memberName(i) })), switches }));
}

export async function benchImportJob(figures: Record<string, number | string>): Promise<void> {
  const count = Number(process.env.IMPORT_BENCH_SWITCHES ?? 1_000);
  const world = await startBenchWorld({ rateLimits: true });
  try {
    const system = world.pluralkit.seedSystem({ name: 'Importer' });
    const ids = Array.from({ length: MEMBERS }, (_, i) => world.pluralkit.seedMember(system.id, { name: memberName(i) }).id);
    await connectToken(world.discord, OWNER, system.token!);
    const file = exportOf(ids, count, Date.now());
    const previewStart = performance.now();
    const preview = await settledAnswer(world.discord.slashCommand({ name: 'import', subcommand: 'fronts', options: { file: { attachment: { filename: 'export.json', bytes: file } } }, user: OWNER }), 60_000);
    const previewMs = performance.now() - previewStart;
    const toAdd = Number(/Switches to add\s+\*\*([\d,]+)\*\*/.exec(messageText(preview))?.[1]?.replace(/,/g, '') ?? NaN);
    world.pluralkit.clearRequests();
    const start = performance.now();
    const summary = await settledAnswer(world.discord.button({ customId: buttonId(preview, 'Import switches'), user: OWNER }), 14 * MINUTE);
    const wall = performance.now() - start;
    const posts = world.pluralkit.requests.filter((request) => request.method === 'POST');
    const floorSeconds = Math.max(0, toAdd - 2) / 3;
    figures[`import: preview of a ${count.toLocaleString('en')}-switch PluralKit export (download, read, plan, history read), wall time (ms)`] = Math.round(previewMs);
    figures['import: switches to add'] = toAdd;
    figures['import: Confirm to summary, rate limits on, wall time (s)'] = (wall / 1000).toFixed(1);
    figures['import: the write-budget floor, (n − 2) / 3 per second (s)'] = floorSeconds.toFixed(1);
    figures['import: wall time / floor'] = (wall / 1000 / floorSeconds).toFixed(2);
    figures['import: switch writes sent'] = posts.length;
    figures['import: 429 answers (target 0)'] = world.pluralkit.requests.filter((request) => request.status === 429).length;
    figures['import: summary'] = messageText(summary).split('\n')[0]!;
  } finally {
    await world.stop();
  }
}
