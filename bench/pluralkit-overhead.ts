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
 * emulator's rate limits off so network and server time cancel out. Four calls: two anonymous
 * reads, a read with a token and a write with a token (a switch, so the body is validated too). Measured twice: with the
 * emulator in this process (the client's own work then also slows the server it waits for, as
 * this bench always measured it), and with the emulator in a process of its own on the other
 * core, closer to a real PluralKit far away. The client keeps no public views here (every call is
 * a request); what a kept view costs is printed apart.
 */

/**
 * Rounds of all four calls before any is measured. The bot runs for days: what it pays per call is
 * the cost once its code is optimised, and the adapter has more code to warm up than a bare request
 * (with 300 rounds of one call at a time, the first call measured still carried a few percent of it).
 */
const WARMUP = 1_000;
const ITERATIONS = 2_000;
const MEMBERS = 20;
const TOKEN = 'bench-token-'.padEnd(64, 'x');
const SYSTEM = { id: 'bench', token: TOKEN, name: 'Bench', description: 'A system for benchmarks', tag: '| bench' };
const FIRST_SWITCH = '2024-01-01T00:00:00Z';
const member = (i: number) => ({ id: `bmx${String.fromCharCode(97 + i)}a`, name: `Member ${i}`, display_name: `Display ${i}`, pronouns: 'they/them', color: 'ff7000', description: 'x'.repeat(200), proxy_tags: [{ prefix: `m${i}:` }] });

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
    const authed = { ...headers, authorization: TOKEN };
    const bareCall = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const response = await bare.request({
        method,
        path: `/v2${path}`,
        headers: body === undefined ? (method === 'GET' && !path.includes('@me') ? headers : authed) : { ...authed, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const value = JSON.parse(await response.body.text()) as unknown;
      if (response.statusCode !== 200) throw new Error(`bare ${method} ${path}: ${response.statusCode}`);
      return value;
    };
    // Every switch must differ from the one before it (PluralKit refuses the same fronters twice).
    const fronters = [[member(1).id], [member(2).id, member(3).id]];
    let switches = 0;
    const nextFronters = () => fronters[switches++ % 2]!;
    const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['getSystem', () => client.getSystem(SYSTEM.id), () => bareCall('GET', `/systems/${SYSTEM.id}`)],
      ['getSystemMembers', () => client.getSystemMembers(SYSTEM.id), () => bareCall('GET', `/systems/${SYSTEM.id}/members`)],
      ['getFronters with a token', () => client.getFronters('@me', { token: TOKEN }), () => bareCall('GET', '/systems/@me/fronters')],
      ['createSwitch', () => client.createSwitch('@me', { members: nextFronters() }, { token: TOKEN }), () => bareCall('POST', '/systems/@me/switches', { members: nextFronters() })],
    ];
    for (let i = 0; i < WARMUP; i++) {
      for (const [, viaClient, viaBare] of pairs) {
        await viaClient();
        await viaBare();
      }
    }
    for (const [name, viaClient, viaBare] of pairs) {
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
  writeFileSync(seed, JSON.stringify({ systems: [{ ...SYSTEM, members: Array.from({ length: MEMBERS }, (_, i) => member(i)), switches: [{ timestamp: FIRST_SWITCH, members: [member(0).id] }] }] }));
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
    emulator.seedSwitch(SYSTEM.id, { timestamp: FIRST_SWITCH, members: [member(0).id] });
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
  result.target_ratio = '<= 1.15';
  return result;
}
