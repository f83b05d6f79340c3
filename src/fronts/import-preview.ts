import { refuse } from '../core/refusal.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import type { Member } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import { readFrontHistory, switchPagesOf, type FrontHistory } from '../stats/history-reader.js';
import type { ImportJobRecord } from '../stores/import-jobs/import-job-store.js';
import { parseIsoInstant, toEpochMillis, type Micros } from './instant.js';
import { IMPORT_LIMITS } from './limits.js';
import { planImport, type ImportPreview } from './plan.js';
import { readFrontFile } from './read-file.js';
import type { FrontSourceChoice } from './source.js';

/** How long a preview waits for its Confirm (a confirmation's life); older ones are dropped. */
export const PREVIEW_TTL_MS = 5 * 60_000;
/** How long a Confirm may spend reading PluralKit's history again (a press has the rest of its 15 minutes). */
const RECHECK_BUDGET_MS = 60_000;
/** Planned switches read at once when a Confirm checks the plan against PluralKit again. */
const PLAN_PAGE = 1_000;

export interface ImportRequest {
  userId: string;
  auth: OwnSystemAuth;
  bytes: Uint8Array;
  choice: FrontSourceChoice;
  now: Date;
  /** Stop reading PluralKit's history by then. */
  deadline: number;
  onProgress?: (switchesRead: number) => void;
}

export interface PreparedImport {
  preview: ImportPreview<Member>;
  /** The stored plan awaiting Confirm; null when there is nothing to add. */
  job: ImportJobRecord | null;
  /** What the preview showed, for the Confirm's re-read. */
  shown: string;
}

/** What a Confirm compares: the switches to add, and how many of their instants PluralKit has taken since. */
export function importFingerprint(toAdd: number, takenSince: number): string {
  return `${toAdd}:${takenSince}`;
}

/** The system's switches from the one in force at `since` (epoch ms) on, all of them or refused. */
async function historySince(services: Services, auth: OwnSystemAuth, since: number, options: Pick<ImportRequest, 'deadline' | 'onProgress'>): Promise<FrontHistory> {
  const history = await readFrontHistory(switchPagesOf(services.pluralkit, '@me', auth.token), { since, deadline: options.deadline, longRead: true, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (history.coveredFrom !== null && history.coveredFrom > since) refuse('import.history-unread', {});
  return history;
}

async function refuseWhileRunning(services: Services, systemId: string): Promise<void> {
  const latest = await services.stores.importJobs.latestFor(systemId);
  if (latest?.status === 'running') refuse('import.busy', { done: latest.next, total: latest.total });
}

/**
 * Reads an export file and plans its import into the caller's system: the file's members matched
 * to theirs, PluralKit's history over the file's span read to skip what it already has. The plan
 * is stored as a preview job for the Confirm; nothing is written to PluralKit. A file that cannot
 * be read, or holds no history, is refused.
 */
export async function prepareImport(services: Services, request: ImportRequest): Promise<PreparedImport> {
  const file = readFrontFile(request.bytes, request.choice, IMPORT_LIMITS);
  const first = file.switches[0];
  if (!first) refuse('import.no-history', { source: file.source, entries: file.entries });
  await refuseWhileRunning(services, request.auth.systemId);
  const members = await services.directory.ownMembers(request.userId, request.auth);
  const history = await historySince(services, request.auth, toEpochMillis(first.at), request);
  const plan = planImport({ file, members, existing: history.switches, now: request.now });
  if (plan.switches.length === 0) return { preview: plan.preview, job: null, shown: importFingerprint(0, 0) };
  const job = await services.stores.importJobs.createPreview(
    { userId: request.userId, systemId: request.auth.systemId, source: file.source, switches: plan.switches },
    request.now.getTime() - PREVIEW_TTL_MS,
  );
  return { preview: plan.preview, job, shown: importFingerprint(job.total, 0) };
}

/**
 * At the Confirm: the preview's plan, and how many of its instants PluralKit has taken since the
 * preview (another tool, or the user, logging switches meanwhile), as the fingerprint to compare.
 * A job that already runs (a second press, a takeover) is what was confirmed.
 */
export async function recheckImport(services: Services, auth: OwnSystemAuth, jobId: string): Promise<{ shown: string; job: ImportJobRecord }> {
  const job = await services.stores.importJobs.get(jobId);
  if (!job || job.status === 'done' || job.status === 'stopped' || job.systemId !== auth.systemId) refuse('import.preview-gone', {});
  if (job.status === 'running') return { shown: importFingerprint(job.total, 0), job };
  // The plan is oldest first: its first switch is where PluralKit's history is read back to.
  const planned: Micros[] = [];
  for (let from = 0; from < job.total; from += PLAN_PAGE) {
    for (const entry of await services.stores.importJobs.switches(job.id, from, PLAN_PAGE)) planned.push(parseIsoInstant(entry.timestamp)!);
  }
  const since = toEpochMillis(planned[0]!);
  const plannedAt = new Set(planned);
  const history = await historySince(services, auth, since, { deadline: Date.now() + RECHECK_BUDGET_MS });
  const taken = history.switches.filter((entry) => plannedAt.has(parseIsoInstant(entry.timestamp) ?? NaN)).length;
  return { shown: importFingerprint(job.total, taken), job };
}
