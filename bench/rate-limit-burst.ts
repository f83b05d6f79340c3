import { performance } from 'node:perf_hooks';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { PluralKitError } from '../src/pluralkit/errors.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

/*
 * The adapter's limiter under a burst right after responses that carried no rate-limit headers:
 * 5 GETs against the emulator with its limits off, then limits on and 100 different GETs at
 * once. Twice: without a call budget (everything must go through) and with the bot's
 * interactive 8 s budget (100 requests at PluralKit's 10/s take ~9.2 s, so the last few must be
 * told to come back — without being sent).
 */

const BURST = 100;

async function burst(emulator: PluralKitEmulator, callBudgetMs: number | undefined): Promise<Record<string, number | string>> {
  emulator.reset();
  emulator.setRateLimits(false);
  const client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench', callBudgetMs });
  try {
    const systems = Array.from({ length: BURST }, (_, i) => emulator.seedSystem({ name: `Burst ${i}` }).id);
    // Five other systems for the header-less responses, so none of the burst is already kept in memory.
    for (let i = 0; i < 5; i++) await client.getSystem(emulator.seedSystem({ name: `Warm-up ${i}` }).id);
    emulator.setRateLimits(true);
    emulator.clearRequests();

    const started = performance.now();
    const results = await Promise.all(systems.map((id) => client.getSystem(id).then(() => 'ok', (error: unknown) => error)));
    const seconds = (performance.now() - started) / 1000;
    const kinds = new Map<string, number>();
    for (const result of results) {
      if (!(result instanceof PluralKitError)) continue;
      const kind = `${result.kind} (status ${result.status ?? 'none'}, ${result.outcome}, retry in ${Math.ceil((result.retryAfterMs ?? 0) / 1000)} s)`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    return {
      succeeded: results.filter((result) => result === 'ok').length,
      'PluralKit 429 answers (target 0)': emulator.requests.filter((r) => r.status === 429).length,
      'requests sent': emulator.requests.length,
      failures: [...kinds].map(([kind, count]) => `${count} × ${kind}`).join(', ') || 'none',
      seconds: Math.round(seconds * 10) / 10,
    };
  } finally {
    await client.close();
  }
}

export async function benchRateLimitBurst(): Promise<Record<string, number | string>> {
  const emulator = await startPluralKitEmulator({ rateLimits: false });
  try {
    const figures: Record<string, number | string> = {};
    for (const [label, budget] of [['no call budget (target: 100 succeed)', undefined], ['8 s interactive budget', 8_000]] as const) {
      for (const [name, value] of Object.entries(await burst(emulator, budget))) figures[`${label}: ${name}`] = value;
    }
    return figures;
  } finally {
    await emulator.close();
  }
}
