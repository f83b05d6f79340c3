import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

/*
 * What the adapter (validation, pacing, shared-read bookkeeping, zod parsing, freezing) costs per
 * call compared with a bare undici request + JSON.parse to the same endpoint. Both run interleaved
 * in one process against the local emulator with its rate limits off, so network and server time
 * cancel out. The client keeps no public views here (every call is a request); what a kept view
 * costs is printed apart.
 */

const WARMUP = 300;
const ITERATIONS = 2_000;
const MEMBERS = 20;

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

export async function benchPluralKitOverhead(): Promise<Record<string, number | string>> {
  const emulator = await startPluralKitEmulator({ rateLimits: false });
  const client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench', connections: 1, publicViewTtlMs: 0 });
  const keeping = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench', connections: 1 });
  const bare = new Pool(emulator.origin, { connections: 1 });
  try {
    const system = emulator.seedSystem({ name: 'Bench', description: 'A system for benchmarks', tag: '| bench' });
    for (let i = 0; i < MEMBERS; i++) {
      emulator.seedMember(system.id, {
        name: `Member ${i}`,
        display_name: `Display ${i}`,
        pronouns: 'they/them',
        color: 'ff7000',
        description: 'x'.repeat(200),
        proxy_tags: [{ prefix: `m${i}:` }],
      });
    }
    const headers = { 'user-agent': 'switchboard-bench' };
    const bareGet = async (path: string) => {
      const response = await bare.request({ method: 'GET', path: `/v2${path}`, headers });
      return JSON.parse(await response.body.text()) as unknown;
    };
    const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['getSystem', () => client.getSystem(system.id), () => bareGet(`/systems/${system.id}`)],
      ['getSystemMembers', () => client.getSystemMembers(system.id), () => bareGet(`/systems/${system.id}/members`)],
    ];

    const result: Record<string, number | string> = { iterations: ITERATIONS, members: MEMBERS };
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
      const clientMedian = median(clientTimes);
      const bareMedian = median(bareTimes);
      result[`${name}.client_median_us`] = Math.round(clientMedian);
      result[`${name}.bare_median_us`] = Math.round(bareMedian);
      result[`${name}.ratio`] = Number((clientMedian / bareMedian).toFixed(3));
    }
    result.target_ratio = '<= 1.2';
    await keeping.getSystemMembers(system.id);
    const kept: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) kept.push(await timed(() => keeping.getSystemMembers(system.id)));
    result['getSystemMembers from a kept public view: median_us'] = Math.round(median(kept));
    return result;
  } finally {
    await client.close();
    await keeping.close();
    await bare.close();
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchPluralKitOverhead();
  console.log(JSON.stringify(result, null, 2));
}
