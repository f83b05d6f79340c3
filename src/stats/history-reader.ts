import type { PluralKitClient } from '../pluralkit/client.js';
import { isPluralKitError } from '../pluralkit/errors.js';
import type { SwitchSummary } from '../pluralkit/models.js';

/** PluralKit's largest switch-list page. */
export const SWITCH_PAGE_LIMIT = 100;

/** One page of `GET /systems/{ref}/switches`: newest first, `before` exclusive. */
export type SwitchPageFetcher = (
  query: { before?: string; limit: number },
  call: { signal?: AbortSignal; deadline?: number; longRead?: boolean },
) => Promise<SwitchSummary[]>;

/** Pages of one system's switch list through our client (which paces requests by PluralKit's limits). */
export function switchPagesOf(client: PluralKitClient, systemRef: string, token?: string): SwitchPageFetcher {
  return (query, call) => client.getSystemSwitches(systemRef, query, { ...call, ...(token ? { token } : {}) });
}

export interface FrontHistory {
  /** Newest first, as PluralKit lists them, from now back to `coveredFrom`. */
  switches: SwitchSummary[];
  /**
   * The switches say who fronted from this instant on (the oldest switch read, or where reading
   * stopped when none was read); null when the read reached the system's very first switch.
   */
  coveredFrom: number | null;
  /** Requests this read made (0 when served from a cache). */
  requests: number;
}

export interface ReadHistoryOptions {
  /** Read back until the switch in force at this instant (epoch ms) is known; null: the whole history. */
  since: number | null;
  /**
   * Stop by this instant (epoch ms) and return what was read. Discord's interaction token lasts
   * 15 minutes: give its expiry minus the time needed to draw and send the answer.
   */
  deadline?: number;
  signal?: AbortSignal;
  /** Called after each page with the number of switches read so far. */
  onProgress?: (switchesRead: number) => void;
  /**
   * A read that may take many pages and has minutes to do it (/stats): its pages wait in the
   * rate limiter's long-read lane, which keeps a share of PluralKit's rate for them, instead of
   * each page queueing behind every interactive request of the moment.
   */
  longRead?: boolean;
  /** A history already read from now back (e.g. a cached shorter range) to continue instead of starting over. */
  continueFrom?: FrontHistory;
  /** Switches per request; PluralKit's maximum (100) unless a test wants another. */
  pageSize?: number;
  now?: () => number;
}

/** Whether `history` tells who fronted at every instant from `since` on. */
export function coversSince(history: FrontHistory, since: number | null): boolean {
  if (history.coveredFrom === null) return true;
  return since !== null && history.coveredFrom <= since;
}

function instantOf(entry: SwitchSummary): number {
  return Date.parse(entry.timestamp);
}

/**
 * Pages through the switch list (newest first, `before` = the oldest timestamp seen) until the
 * page crosses `since`: one switch at or before it is needed to know who was fronting at the start.
 * Stops early, honestly, at the deadline (`coveredFrom` then says how far back it got); an abort
 * rejects with the client's 'aborted' error.
 */
export async function readFrontHistory(fetchPage: SwitchPageFetcher, options: ReadHistoryOptions): Promise<FrontHistory> {
  const { since, deadline, signal, onProgress, longRead } = options;
  const now = options.now ?? Date.now;
  const pageSize = options.pageSize ?? SWITCH_PAGE_LIMIT;
  const switches = [...(options.continueFrom?.switches ?? [])];
  let requests = 0;
  const result = (coveredFrom: number | null): FrontHistory => ({ switches, coveredFrom, requests });
  const oldestRead = (): number => {
    const oldest = switches.at(-1);
    return oldest ? instantOf(oldest) : now();
  };

  if (options.continueFrom && coversSince(options.continueFrom, since)) return { ...options.continueFrom, requests: 0 };
  for (;;) {
    if (deadline !== undefined && now() >= deadline) return result(oldestRead());
    const before = switches.at(-1)?.timestamp;
    let page: SwitchSummary[];
    try {
      page = await fetchPage({ ...(before ? { before } : {}), limit: pageSize }, { signal, deadline, longRead });
    } catch (error) {
      // Out of time, or the next page could only go after the deadline, with something to show: say how far it got.
      if (deadline !== undefined && switches.length > 0 && isPluralKitError(error) && (error.kind === 'timeout' || (error.kind === 'rate-limited' && error.outcome === 'not-sent'))) {
        return result(oldestRead());
      }
      throw error;
    }
    requests++;
    switches.push(...page);
    onProgress?.(switches.length);
    if (page.length < pageSize) return result(null);
    const oldest = instantOf(page.at(-1)!);
    if (since !== null && oldest <= since) return result(oldest);
  }
}
