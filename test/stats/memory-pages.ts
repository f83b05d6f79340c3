import { PluralKitError } from '../../src/pluralkit/errors.js';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import type { SwitchPageFetcher } from '../../src/stats/history-reader.js';

export interface MemoryPages {
  fetchPage: SwitchPageFetcher;
  /** `before` of every request, in order (undefined: from now). */
  calls: Array<string | undefined>;
  /** Lets the requests held back with `hold` (and every later one) through. */
  release(): void;
}

/**
 * PluralKit's switch-list endpoint over an in-memory history (reference §2.4: newest first,
 * `before` exclusive, at most `limit`), for tests that need many reads or precise timing; the
 * HTTP path is tested against the emulator.
 */
export function memoryPages(history: readonly SwitchSummary[], options: { hold?: boolean } = {}): MemoryPages {
  const newestFirst = [...history].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
  const calls: Array<string | undefined> = [];
  let holding = options.hold ?? false;
  let held: Array<() => void> = [];
  const fetchPage: SwitchPageFetcher = async (query, call) => {
    calls.push(query.before);
    if (holding) await new Promise<void>((resolve) => held.push(resolve));
    if (call.signal?.aborted) throw new PluralKitError({ kind: 'aborted', message: 'aborted', method: 'GET', route: '/systems/{systemRef}/switches' });
    const before = query.before === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.before);
    return newestFirst.filter((entry) => Date.parse(entry.timestamp) < before).slice(0, query.limit);
  };
  return {
    fetchPage,
    calls,
    release: () => {
      holding = false;
      const waiting = held;
      held = [];
      for (const resolve of waiting) resolve();
    },
  };
}
