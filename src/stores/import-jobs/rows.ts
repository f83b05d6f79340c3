import { z } from 'zod';
import { MAX_RECORDED_FAILURES, type ImportJobFailure, type ImportJobOutcome, type ImportJobRecord, type ImportJobSwitch } from './import-job-store.js';

/* Import job rows as every database returns them (PostgreSQL's BIGINTs arrive as text, JSON columns as text in SQLite). */

const json = <T extends z.ZodType>(schema: T) => z.union([z.string().transform((text) => JSON.parse(text) as unknown), z.array(z.unknown())]).pipe(schema);

const FailureSchema = z.object({ timestamp: z.string(), reason: z.string() });

const JobRow = z.object({
  id: z.string(),
  user_id: z.string(),
  system_id: z.string(),
  source: z.string(),
  status: z.enum(['preview', 'running', 'done', 'stopped']),
  total: z.coerce.number(),
  next: z.coerce.number(),
  added: z.coerce.number(),
  skipped: z.coerce.number(),
  failed: z.coerce.number(),
  failures: json(z.array(FailureSchema)),
  stop_reason: z.string().nullable(),
  created_at: z.coerce.number(),
  updated_at: z.coerce.number(),
});

const SwitchRow = z.object({ timestamp: z.string(), members: json(z.array(z.string())) });

export const JOB_COLUMNS = 'id, user_id, system_id, source, status, total, next, added, skipped, failed, failures, stop_reason, created_at, updated_at';

export function toImportJob(raw: unknown): ImportJobRecord | undefined {
  if (raw === undefined) return undefined;
  const row = JobRow.parse(raw);
  return {
    id: row.id,
    userId: row.user_id,
    systemId: row.system_id,
    source: row.source,
    status: row.status,
    total: row.total,
    next: row.next,
    added: row.added,
    skipped: row.skipped,
    failed: row.failed,
    failures: row.failures,
    stopReason: row.stop_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toImportJobSwitch(raw: unknown): ImportJobSwitch {
  const row = SwitchRow.parse(raw);
  return { timestamp: row.timestamp, members: row.members };
}

/** The counters and failure list after `outcome`, from the row as it was. */
export function afterOutcome(job: ImportJobRecord, outcome: ImportJobOutcome): Pick<ImportJobRecord, 'added' | 'skipped' | 'failed' | 'failures'> {
  const failures: ImportJobFailure[] = job.failures;
  return {
    added: job.added + (outcome.kind === 'added' ? 1 : 0),
    skipped: job.skipped + (outcome.kind === 'skipped' ? 1 : 0),
    failed: job.failed + (outcome.kind === 'failed' ? 1 : 0),
    failures: outcome.kind === 'failed' && failures.length < MAX_RECORDED_FAILURES ? [...failures, { timestamp: outcome.timestamp, reason: outcome.reason }] : failures,
  };
}
