import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

/*
 * What the adapter (validation, pacing, shared-read bookkeeping, zod parsing, freezing) costs per
 * call compared with a bare undici request + JSON.parse to the same endpoint, interleaved, with the
 * emulator's rate limits off so network and server time cancel out. Measured twice: with the
 * emulator in this process (the client's own work then also slows the server it waits for, as
 * this bench always measured it), and with the emulator in a process of its own on the other
 * core, closer to a real PluralKit far away. The client keeps no public views here (every call is
 * a request); what a kept view costs is printed apart.
 */

const WARMUP = 300;
const ITERATIONS = 2_000;
const MEMBERS = 20;
const SYSTEM = { id: 'bench', name: 'Bench', description: 'A system for benchmarks', tag: '| bench' };
const member = (i: number) => ({ name: `Member ${i}`, display_name: `Display ${i}`, pronouns: 'they/them', color: 'ff7000', description: 'x'.repeat(200), proxy_tags: [{ prefix: `m${i}:` }] });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) * 1000;
}

/** Client vs bare request medians for both endpoints against one emulator. */
async function compare(url: string, label: string, result: Record<string, number | string>): Promise<void> {
  const origin = new URL(url).origin;
  const client = new PluralKitClient({ baseUrl: url, userAgent: 'switchboard-bench', connections: 1, publicViewTtlMs: 0 });
  const bare = new Pool(origin, { connections: 1 });
  try {
    const headers = { 'user-agent': 'switchboard-bench' };
    const bareGet = async (path: string) => {
      const response = await bare.request({ method: 'GET', path: `/v2${path}`, headers });
      return JSON.parse(await response.body.text()) as unknown;
    };
    const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['getSystem', () => client.getSystem(SYSTEM.id), () => bareGet(`/systems/${SYSTEM.id}`)],
      ['getSystemMembers', () => client.getSystemMembers(SYSTEM.id), () => bareGet(`/systems/${SYSTEM.id}/members`)],
    ];
    for (const [name, viaClient, viaBare] of pairs) {
      for (let i = 0; i < WARMUP; i++) {
        await viaClient();
        await viaBare();
      }
      const clientTimes: number[] = [];
      const bareTimes: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        // Alternate which goes first so neither always gets the warmer connection or cache.
        if (i % 2 === 0) {
          clientTimes.push(await timed(viaClient));
          bareTimes.push(await timed(viaBare));
        } else {
          bareTimes.push(await timed(viaBare));
          clientTimes.push(await timed(viaClient));
        }
      }
      const prefix = label ? `${label} ${name}` : name;
      result[`${prefix}.client_median_us`] = Math.round(median(clientTimes));
      result[`${prefix}.bare_median_us`] = Math.round(median(bareTimes));
      result[`${prefix}.ratio`] = Number((median(clientTimes) / median(bareTimes)).toFixed(3));
    }
  } finally {
    await client.close();
    await bare.close();
  }
}

/** The emulator CLI in a child process, seeded with the bench system; resolves with its URL. */
async function emulatorProcess(): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const seed = join(dir, 'seed.json');
  writeFileSync(seed, JSON.stringify({ systems: [{ ...SYSTEM, members: Array.from({ length: MEMBERS }, (_, i) => member(i)) }] }));
  const cli = resolve(import.meta.dirname, '../test/support/pluralkit-emulator/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--seed', seed, '--no-rate-limits'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = (): void => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening: (http\S+)/.exec(output);
      if (match) resolveUrl(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before listening`)));
  }).catch((error: unknown) => {
    stop();
    throw error;
  });
  return { url, stop };
}

export async function benchPluralKitOverhead(): Promise<Record<string, number | string>> {
  const result: Record<string, number | string> = { iterations: ITERATIONS, members: MEMBERS };
  const emulator = await startPluralKitEmulator({ rateLimits: false });
  const keeping = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench', connections: 1 });
  try {
    emulator.seedSystem(SYSTEM);
    for (let i = 0; i < MEMBERS; i++) emulator.seedMember(SYSTEM.id, member(i));
    await compare(emulator.url, '', result);
    await keeping.getSystemMembers(SYSTEM.id);
    const kept: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) kept.push(await timed(() => keeping.getSystemMembers(SYSTEM.id)));
    result['getSystemMembers from a kept public view: median_us'] = Math.round(median(kept));
  } finally {
    await keeping.close();
    await emulator.close();
  }
  const outside = await emulatorProcess();
  try {
    await compare(outside.url, 'emulator in its own process:', result);
  } finally {
    outside.stop();
  }
  result.target_ratio = '<= 1.2';
  return result;
}
