/*
 * Front history imports (`/import fronts`) as stored jobs: the switches to create, in order, and
 * how far the job got. A job is stored at the preview (so the Confirm press finds its plan, even
 * after a restart), runs once confirmed, and resumes after a restart at `next`: every switch
 * before it is settled (added, found already there, or failed), the one at `next` may have been
 * sent but not recorded, which the runner settles by reading back.
 */

export type ImportJobStatus = 'preview' | 'running' | 'done' | 'stopped';

/** One switch to create: PluralKit's timestamp, to the microsecond, and member short IDs. */
export interface ImportJobSwitch {
  timestamp: string;
  members: string[];
}

/** A switch that could not be created, and why (a refusal code or PluralKit's error code). */
export interface ImportJobFailure {
  timestamp: string;
  reason: string;
}

export interface ImportJobRecord {
  id: string;
  userId: string;
  /** The PluralKit system's short ID: one running job per system. */
  systemId: string;
  source: string;
  status: ImportJobStatus;
  total: number;
  /** The position of the next switch to create; all before it are settled. */
  next: number;
  added: number;
  /** Switches PluralKit already had at that instant when the job came to them. */
  skipped: number;
  failed: number;
  /** The first failures, with why (at most MAX_RECORDED_FAILURES; `failed` counts them all). */
  failures: ImportJobFailure[];
  /** Why a job stopped before its end (e.g. the token was removed); null otherwise. */
  stopReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export const MAX_RECORDED_FAILURES = 20;

export type ImportJobOutcome = { kind: 'added' } | { kind: 'skipped' } | { kind: 'failed'; timestamp: string; reason: string };

export type StartResult = { ok: true; job: ImportJobRecord } | { ok: false; reason: 'gone' } | { ok: false; reason: 'busy'; running: ImportJobRecord };

export interface NewImportJob {
  userId: string;
  systemId: string;
  source: string;
  switches: readonly ImportJobSwitch[];
}

export interface ImportJobStore {
  /**
   * Stores a job awaiting its Confirm. Other previews of the same system are dropped (only the
   * newest preview can be confirmed), and so are previews created before `dropPreviewsBefore`.
   */
  createPreview(job: NewImportJob, dropPreviewsBefore: number): Promise<ImportJobRecord>;
  /**
   * Starts a previewed job, atomically: refused as `busy` while another job of its system runs,
   * `gone` when the preview no longer exists (or is finished). A job already running is returned
   * as started (a second press, or a takeover after a restart).
   */
  start(id: string): Promise<StartResult>;
  get(id: string): Promise<ImportJobRecord | undefined>;
  /** The system's running job, else its most recently created one that ran; previews are not shown. */
  latestFor(systemId: string): Promise<ImportJobRecord | undefined>;
  /** Every running job (to resume after a start), oldest first. */
  running(): Promise<ImportJobRecord[]>;
  /** Up to `count` switches from position `from`, in order. */
  switches(id: string, from: number, count: number): Promise<ImportJobSwitch[]>;
  /**
   * Records the outcome of the switch at `position` and moves `next` past it, only if `next` is
   * still `position` and the job runs (so no outcome is ever counted twice); false otherwise.
   */
  advance(id: string, position: number, outcome: ImportJobOutcome): Promise<boolean>;
  /** Ends a running job: `done` when every switch is settled, `stopped` with why otherwise. */
  finish(id: string, status: 'done' | 'stopped', stopReason?: string): Promise<ImportJobRecord | undefined>;
}
