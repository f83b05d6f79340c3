import { DiscordLimits } from '../core/discord-limits.js';
import { refuse } from '../core/refusal.js';
import { requireToken, resolveReadTarget, type ReadTarget, type SystemNaming } from '../access/read-target.js';
import type { Services } from '../services.js';
import { loadStatsSource } from '../session/front-stats.js';
import { memberNames } from '../session/history-names.js';
import { frontHistoryFiles, type ExportFile, type ExportFormat } from './export-files.js';
import { frontRows } from './export-rows.js';

/** An export without `range` is the whole history. */
export const EXPORT_DEFAULT_RANGE = 'all';

export interface FrontExportRequest {
  userId: string;
  target: ReadTarget;
  range: string | undefined;
  format: ExportFormat;
  /** Stop reading by then and export what was read (Discord's 15 minutes). */
  deadline: number;
  onProgress(switchesRead: number): void;
}

export interface FrontExport {
  files: ExportFile[];
  rows: number;
  rangeLabel: string;
  /** Whose history, as the reply names it. */
  system: SystemNaming;
  ownerView: boolean;
  /** Set when reading stopped at the deadline: the rows start here (epoch ms) rather than at the range start. */
  readBackTo: number | null;
}

/**
 * Whose history an export reads, and in which view: one's own system in the owner's view (with
 * the stored token), anyone else's in PluralKit's public view (no token, so PluralKit itself
 * refuses a private front history).
 */
export async function exportTarget(services: Services, userId: string, choice: { user?: string; system?: string }): Promise<ReadTarget> {
  const target = await resolveReadTarget(services, userId, choice);
  if (!target.ownSystem) return target;
  const { token } = await requireToken(services, userId, 'show');
  return { ...target, systemRef: '@me', token };
}

/**
 * Reads the front history of a range (with /stats's reader, shared cache and progress) and writes
 * it as `fronts.csv` or `fronts.json`, one row per switch starting in the range, oldest first,
 * members named as the view may see them; split into several files when one would pass Discord's
 * attachment size limit.
 */
export async function exportFrontHistory(services: Services, request: FrontExportRequest): Promise<FrontExport> {
  const source = await loadStatsSource(services, {
    userId: request.userId,
    target: request.target,
    range: request.range ?? EXPORT_DEFAULT_RANGE,
    until: undefined,
    group: undefined,
    deadline: request.deadline,
    onProgress: request.onProgress,
  });
  const { history, range } = source;
  const ids = new Set(history.switches.flatMap((entry) => entry.members));
  const names = await memberNames(services, request.userId, source.view, ids, { deadline: request.deadline });
  const named = new Map([...names.named].map(([id, member]) => [id, member.name]));
  const since = range.start?.getTime() ?? null;
  const rows = frontRows(history.switches, named, { since }).filter((row) => Date.parse(row.start) <= range.end.getTime());
  const system = await request.target.naming();
  if (rows.length === 0) refuse('export.no-history', { system, rangeLabel: range.label });
  const readBackTo = history.coveredFrom !== null && (since === null || history.coveredFrom > since) ? history.coveredFrom : null;
  return {
    files: frontHistoryFiles(rows, request.format, DiscordLimits.attachmentBytes),
    rows: rows.length,
    rangeLabel: range.label,
    system,
    ownerView: request.target.token !== undefined,
    readBackTo,
  };
}
