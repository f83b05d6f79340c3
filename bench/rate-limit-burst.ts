import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { PluralKitError } from '../src/pluralkit/errors.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

/*
 * The adapter's limiter under a burst right after responses that carried no
 * rate-limit headers: 5 GETs against the emulator with its limits off, then
 * limits on and 100 different GETs at once with the interactive 8 s budget.
 */

const BURST = 100;

export async function benchRateLimitBurst(): Promise<Record<string, number | string>> {
  const emulator = await startPluralKitEmulator({ rateLimits: false });
  const client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench', callBudgetMs: 8_000 });
  try {
    const systems = Array.from({ length: BURST }, (_, i) => emulator.seedSystem({ name: `Burst ${i}` }).id);
    // Five different systems for the header-less responses, so none of the burst is already kept in memory.
    for (let i = 0; i < 5; i++) await client.getSystem(emulator.seedSystem({ name: `Warm-up ${i}` }).id);
    emulator.setRateLimits(true);
    emulator.clearRequests();

    const started = performance.now();
    const results = await Promise.all(systems.map((id) => client.getSystem(id).then(() => 'ok', (error: unknown) => error)));
    const seconds = (performance.now() - started) / 1000;
    const failures = results.filter((result): result is PluralKitError => result instanceof PluralKitError);
    const kinds = new Map<string, number>();
    for (const failure of failures) kinds.set(`${failure.kind}/${failure.status ?? '-'}`, (kinds.get(`${failure.kind}/${failure.status ?? '-'}`) ?? 0) + 1);
    return {
      'succeeded (target 100)': results.filter((result) => result === 'ok').length,
      'PluralKit 429 answers (target 0)': emulator.requests.filter((r) => r.status === 429).length,
      'requests sent': emulator.requests.length,
      failures: [...kinds].map(([kind, count]) => `${kind} × ${count}`).join(', ') || 'none',
      'seconds for the burst': Math.round(seconds * 10) / 10,
    };
  } finally {
    await client.close();
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchRateLimitBurst();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
