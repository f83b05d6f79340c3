import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { frontHistoryFiles } from '../src/fronts/export-files.js';
import { frontRows } from '../src/fronts/export-rows.js';
import { planImport } from '../src/fronts/plan.js';
import { readFrontFile } from '../src/fronts/read-file.js';
import { startFlags } from '../test/support/bot-process.js';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { readFrontHistory, switchPagesOf } from '../src/stats/history-reader.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { benchImportJob } from './import-job.js';
import { ENTRIES, MEMBERS, hourlySwitches, memberName, pluralKitExport, pluralKitMembers, simplyPluralExport } from './import-data.js';
import { percentile } from './support.js';

/*
 * Front history in and out: reading and planning 10,000 front entries of a Simply Plural export
 * (one that also carries 50,000 chat messages, as real ones carry other collections) and of a
 * PluralKit export, in time and memory; and an export of 10,000 switches from the emulator with
 * PluralKit's rate limits on, in requests (at least ⌈10,000 / 100⌉ pages plus the member list) and time;
 * and a confirmed import of 1,000 switches on the real bot against the write-budget floor (import-job.ts).
 */

/** Discord's attachment limit for bots without boosts. */
const ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MEMORY_CHILD = fileURLToPath(new URL('./import-memory.ts', import.meta.url));

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
const count = ENTRIES.toLocaleString('en-US');

function medianOf(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return Math.round(percentile(times, 50));
}

/** Memory of one read + plan (or whole-file JSON.parse) in a fresh process with `npm start`'s V8 flags, where nothing else muddies it. */
function memoryOf(path: string, mode: 'plan' | 'json-parse', now: number): { peakGrowth: number; held: number } {
  const output = execFileSync(process.execPath, [...new Set([...startFlags(), '--expose-gc']), '--import', 'tsx', MEMORY_CHILD, path, mode, String(now)], { encoding: 'utf8' });
  return JSON.parse(output) as { peakGrowth: number; held: number };
}

function benchParseAndPlan(figures: Record<string, number | string>): void {
  const now = Date.now();
  const members = pluralKitMembers();
  const directory = mkdtempSync(join(tmpdir(), 'switchboard-import-bench-'));
  try {
    const files = [
      ['Simply Plural', simplyPluralExport(now)],
      ['PluralKit', pluralKitExport(now, members)],
    ] as const;
    for (const [name, bytes] of files) {
      const run = () => planImport({ file: readFrontFile(bytes, 'auto'), members, existing: [], now: new Date(now) });
      figures[`${name} export, ${count} entries: file size`] = mb(bytes.byteLength);
      figures[`${name}: switches planned`] = run().preview.toAdd;
      figures[`${name}: read, median of 10 (ms)`] = medianOf(10, () => readFrontFile(bytes, 'auto'));
      figures[`${name}: read + plan, median of 10 (ms)`] = medianOf(10, run);
      const path = join(directory, `${name}.json`);
      writeFileSync(path, bytes);
      const memory = memoryOf(path, 'plan', now);
      figures[`${name}: read + plan, peak RSS growth (a fresh process with the bot's V8 flags)`] = mb(memory.peakGrowth);
      figures[`${name}: heap held by the plan`] = mb(memory.held);
      if (name === 'Simply Plural') {
        const whole = memoryOf(path, 'json-parse', now);
        figures['Simply Plural, for comparison: JSON.parse of the whole file, peak RSS growth'] = mb(whole.peakGrowth);
        figures['Simply Plural, for comparison: JSON.parse of the whole file, heap held'] = mb(whole.held);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function benchExport(figures: Record<string, number | string>): Promise<void> {
  const emulator = await startPluralKitEmulator({ rateLimits: true });
  const client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench/1.0' });
  try {
    const system = emulator.seedSystem({ name: 'Busy' });
    const ids = Array.from({ length: MEMBERS }, (_, i) => emulator.seedMember(system.id, { name: memberName(i) }).id);
    for (const entry of hourlySwitches(Date.now(), ids)) emulator.seedSwitch(system.id, entry);
    emulator.clearRequests();
    const token = system.token!;
    const start = performance.now();
    const [list, history] = await Promise.all([client.getSystemMembers('@me', { token }), readFrontHistory(switchPagesOf(client, '@me', token), { since: null })]);
    const read = performance.now() - start;
    const rows = frontRows(history.switches, new Map(list.map((member) => [member.id, member.name])));
    const csv = frontHistoryFiles(rows, 'csv', ATTACHMENT_BYTES);
    const json = frontHistoryFiles(rows, 'json', ATTACHMENT_BYTES);
    const written = performance.now() - start - read;
    figures[`export of ${count} switches, rate limits on: PluralKit requests (minimum ${Math.ceil(ENTRIES / 100) + 1}: ⌈n/100⌉ pages + the member list)`] = emulator.requests.length;
    figures['export: reading from PluralKit, wall time (ms)'] = Math.round(read);
    figures['export: rows, CSV and JSON files (ms)'] = Math.round(written);
    figures['export: rows'] = rows.length;
    figures['export: fronts.csv'] = `${csv.length} file(s), ${mb(csv.reduce((sum, file) => sum + file.data.byteLength, 0))}`;
    figures['export: fronts.json'] = `${json.length} file(s), ${mb(json.reduce((sum, file) => sum + file.data.byteLength, 0))}`;
  } finally {
    await client.close();
    await emulator.close();
  }
}

export async function benchImport(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  benchParseAndPlan(figures);
  await benchExport(figures);
  await benchImportJob(figures);
  return figures;
}
