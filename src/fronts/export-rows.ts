import type { SwitchSummary } from '../pluralkit/models.js';
import { MICROS_PER_MILLI, parseIsoInstant, type Micros } from './instant.js';

/** One switch of an exported front history, with the columns `/export fronts` promises. */
export interface FrontRow {
  /** PluralKit's timestamp, ISO 8601 UTC, as PluralKit gives it (to the microsecond). */
  start: string;
  /** The next switch's timestamp; null for the current one. */
  end: string | null;
  member_ids: string[];
  /** Aligned with `member_ids`; empty where the name is not visible (a member hidden from this view). */
  member_names: string[];
  /** From start to end, to the millisecond; null for the current switch. */
  duration_seconds: number | null;
}

export interface FrontRowOptions {
  /** Only switches from this instant on (epoch ms); their ends still come from the whole list. */
  since?: number | null;
}

/**
 * Rows for a switch list (newest first, as PluralKit pages it; any order works), oldest first.
 * `names` maps member short IDs to names.
 */
export function frontRows(switches: readonly SwitchSummary[], names: ReadonlyMap<string, string>, options: FrontRowOptions = {}): FrontRow[] {
  const timed = switches
    .map((entry) => ({ entry, at: parseIsoInstant(entry.timestamp) }))
    .filter((item): item is { entry: SwitchSummary; at: Micros } => item.at !== null)
    .sort((a, b) => a.at - b.at);
  const since = options.since === null || options.since === undefined ? null : options.since * MICROS_PER_MILLI;
  const rows: FrontRow[] = [];
  timed.forEach(({ entry, at }, index) => {
    if (since !== null && at < since) return;
    const next = timed[index + 1];
    rows.push({
      start: entry.timestamp,
      end: next ? next.entry.timestamp : null,
      member_ids: [...entry.members],
      member_names: entry.members.map((id) => names.get(id) ?? ''),
      duration_seconds: next ? Math.round((next.at - at) / MICROS_PER_MILLI) / 1000 : null,
    });
  });
  return rows;
}
