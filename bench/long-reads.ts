import { performance } from 'node:perf_hooks';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { PluralKitError } from '../src/pluralkit/errors.js';
import { FrontHistoryCache } from '../src/stats/history-cache.js';
import { coversSince, switchPagesOf, type FrontHistory } from '../src/stats/history-reader.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { percentile } from './support.js';

/*
 * 200 interactions at once against PluralKit's rate limits (the emulator's), through the client
 * and front-history cache the bot uses, with its 8 s interactive budget:
 * - 40 /stats-like long reads of a public 10,000-switch history, the whole of it (100 pages):
 *   the system, then the history, with 14 minutes to go, as one long read; arriving last;
 * - 40 member-card-like reads of the same system: the member, then 30 days of history with 2.5 s;
 * - 120 other interactive reads (a system each).
 * How many long reads are answered, how many refused (and told to wait how long), and how long
 * they took; the same for the interactive ones.
 */

const SWITCHES = 10_000;
const DAY = 86_400_000;
const INTERACTIVE_BUDGET_MS = 8_000;
const STATS_DEADLINE_MS = 14 * 60_000;
const CARD_BUDGET_MS = 2_500;

type Result = { ok: true; ms: number; complete?: boolean } | { ok: false; ms: number; error: unknown };

async function timed<T>(started: number, work: () => Promise<T>, complete?: (value: T) => boolean): Promise<Result> {
  try {
    const value = await work();
    return { ok: true, ms: performance.now() - started, complete: complete?.(value) };
  } catch (error) {
    return { ok: false, ms: performance.now() - started, error };
  }
}

function describeFailures(results: Result[]): string {
  const kinds = new Map<string, { count: number; waits: number[] }>();
  for (const result of results) {
    if (result.ok) continue;
    const error = result.error;
    const kind = error instanceof PluralKitError ? `${error.kind}${error.status ? ` ${error.status}` : ''}` : String(error);
    const entry = kinds.get(kind) ?? { count: 0, waits: [] };
    entry.count++;
    if (error instanceof PluralKitError && error.retryAfterMs !== null) entry.waits.push(error.retryAfterMs / 1000);
    kinds.set(kind, entry);
  }
  const told = (waits: number[]) => (waits.length === 0 ? '' : ` (told to wait ${Math.min(...waits).toFixed(1)}–${Math.max(...waits).toFixed(1)} s)`);
  return [...kinds].map(([kind, { count, waits }]) => `${count} × ${kind}${told(waits)}`).join(', ') || 'none';
}

function seconds(results: Result[]): string {
  const ms = results.filter((result) => result.ok).map((result) => result.ms / 1000);
  return ms.length === 0 ? '-' : `median ${percentile(ms, 50).toFixed(1)} s, max ${Math.max(...ms).toFixed(1)} s`;
}

export async function benchLongReads(): Promise<Record<string, number | string>> {
  const emulator = await startPluralKitEmulator({ rateLimits: false });
  const client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench', callBudgetMs: INTERACTIVE_BUDGET_MS });
  const history = new FrontHistoryCache();
  try {
    const big = emulator.seedSystem({ name: 'Big' });
    const members = Array.from({ length: 10 }, (_, i) => emulator.seedMember(big.id, { name: `Member ${i}` }));
    const now = Date.now();
    for (let i = 0; i < SWITCHES; i++) {
      emulator.seedSwitch(big.id, { timestamp: new Date(now - 60_000 - i * ((365 * DAY) / SWITCHES)), members: [members[i % members.length]!.id] });
    }
    const others = Array.from({ length: 120 }, (_, i) => emulator.seedSystem({ name: `Other ${i}` }).id);
    emulator.setRateLimits(true);
    emulator.clearRequests();

    const started = performance.now();
    const statsRead = () =>
      timed(
        started,
        async () => {
          // As src/session/front-stats.ts: every call of a /stats reply is part of one long read.
          const deadline = Date.now() + STATS_DEADLINE_MS;
          await client.getSystem(big.id, { deadline, longRead: true });
          return history.read(
            { key: `public:${big.id}`, systemId: big.id, since: null, deadline, longRead: true },
            switchPagesOf(client, big.id),
          );
        },
        (read: FrontHistory) => coversSince(read, null),
      );
    // A card that cannot read the history in time goes without its "last fronted" line.
    const cardRead = (i: number) =>
      timed(
        started,
        async () => {
          await client.getMember(members[i % members.length]!.id);
          const cardStart = Date.now();
          return history
            .read({ key: `public:${big.id}`, systemId: big.id, since: cardStart - 30 * DAY, deadline: cardStart + CARD_BUDGET_MS }, switchPagesOf(client, big.id))
            .then(
              (read) => coversSince(read, cardStart - 30 * DAY),
              (error: unknown) => {
                if (error instanceof PluralKitError) return false;
                throw error;
              },
            );
        },
        (withLastFronted: boolean) => withLastFronted,
      );
    // The cards among the others (one in four), and the /stats last: behind 8 s and more of queue.
    const cards: Array<Promise<Result>> = [];
    const interactive: Array<Promise<Result>> = [];
    for (let i = 0; i < 160; i++) {
      if (i % 4 === 0) cards.push(cardRead(i));
      else interactive.push(timed(started, () => client.getSystem(others[interactive.length]!)));
    }
    const stats = Array.from({ length: 40 }, statsRead);
    const [statsResults, cardResults, interactiveResults] = await Promise.all([Promise.all(stats), Promise.all(cards), Promise.all(interactive)]);

    const answered = statsResults.filter((result) => result.ok);
    return {
      '/stats-like long reads (40, whole 10,000-switch history): answered': answered.length,
      '/stats-like long reads: of those, the whole history': answered.filter((result) => result.complete).length,
      '/stats-like long reads: refused': describeFailures(statsResults),
      '/stats-like long reads: time to answer': seconds(statsResults),
      'member cards (40, 30 days of history within 2.5 s): answered': cardResults.filter((result) => result.ok).length,
      'member cards: with their last-fronted line': cardResults.filter((result) => result.ok && result.complete).length,
      'member cards: time to answer': seconds(cardResults),
      'member cards: refused': describeFailures(cardResults),
      'other interactive reads (120): answered': interactiveResults.filter((result) => result.ok).length,
      'other interactive reads: refused': describeFailures(interactiveResults),
      'other interactive reads: time to answer': seconds(interactiveResults),
      'PluralKit 429 answers (target 0)': emulator.requests.filter((request) => request.status === 429).length,
      'requests sent': emulator.requests.length,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await client.close();
    await emulator.close();
  }
}
