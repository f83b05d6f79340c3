import { z } from 'zod';
import { Refusal } from '../core/refusal.js';
import type { SwitchSummary } from '../pluralkit/models.js';
import type { Services } from '../services.js';

/** Switches a history page shows. */
export const HISTORY_PAGE_SIZE = 10;

/** Where a front history view is in its pages, kept between presses (never a token). */
export const HistoryCursor = z.object({
  /** `before` cursor of each page seen so far; page 0 starts at "now". */
  cursors: z.array(z.string().nullable()),
  /** The newer neighbour of each page's first switch, for its duration. */
  endedAt: z.array(z.string().nullable()),
});
export type HistoryCursor = z.infer<typeof HistoryCursor>;

export const FIRST_HISTORY_PAGE: HistoryCursor = { cursors: [null], endedAt: [null] };

export interface HistoryEntry {
  id: string;
  timestamp: string;
  members: string[];
  /** When the next switch replaced it; null for the current one. */
  endedAt: string | null;
}

/**
 * One page of a system's switches, newest first, with each switch's end (for its duration). One
 * read a page: the extra switch asked for tells whether there is a next page and where it starts.
 */
export async function readHistoryPage(
  services: Services,
  view: { ref: string; token: string | undefined },
  cursor: HistoryCursor,
  page: number,
): Promise<{ entries: HistoryEntry[]; hasNext: boolean; cursor: HistoryCursor }> {
  if (page >= cursor.cursors.length) throw new Refusal('history.page-unavailable', {});
  const before = cursor.cursors[page] ?? undefined;
  const read: SwitchSummary[] = await services.pluralkit.getSystemSwitches(view.ref, { ...(before ? { before } : {}), limit: HISTORY_PAGE_SIZE + 1 }, view.token ? { token: view.token } : {});
  const shown = read.slice(0, HISTORY_PAGE_SIZE);
  const hasNext = read.length > HISTORY_PAGE_SIZE;
  const next = { cursors: [...cursor.cursors], endedAt: [...cursor.endedAt] };
  const last = shown.at(-1);
  if (hasNext && last) {
    next.cursors[page + 1] = last.timestamp;
    next.endedAt[page + 1] = last.timestamp;
  }
  const entries = shown.map((entry, index) => ({
    id: entry.id,
    timestamp: entry.timestamp,
    members: entry.members,
    endedAt: index === 0 ? (cursor.endedAt[page] ?? null) : shown[index - 1]!.timestamp,
  }));
  return { entries, hasNext, cursor: next };
}
