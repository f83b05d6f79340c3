import type { Clock } from '../core/clock.js';
import { Refusal } from '../core/refusal.js';
import { storedTokenFor } from '../access/stored-token.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import { hasCode, isPluralKitError, PkErrorCode } from '../pluralkit/errors.js';
import type { ImportJobs, Services } from '../services.js';
import type { ImportJobOutcome, ImportJobRecord, ImportJobSwitch, StartResult } from '../stores/import-jobs/import-job-store.js';
import { switchesChanged } from '../switches/changed.js';
import { formatInstant, parseIsoInstant } from './instant.js';
import { sameMembers } from './switch-points.js';

/** Planned switches read from the store at once. */
const BATCH = 50;
/** Waits before trying a switch again when PluralKit could not take it just now (down, busy). */
const RETRY_AFTER_MS = [5_000, 30_000, 120_000] as const;

/** Why a job ended before its last switch. */
export type ImportStopReason = 'token-removed' | 'token-invalid';

/** The write in hand was cut off because the process stops. */
class ImportStopping extends Error {}

type Listener = (job: ImportJobRecord) => void;

/** A write that may be tried again: PluralKit did not take it (not sent, busy, down) and it is known not to be there. */
function retryable(error: unknown): boolean {
  if (error instanceof Refusal) return error.code === 'write.not-saved';
  return isPluralKitError(error) && error.outcome === 'not-sent';
}

/** Why PluralKit refused one switch, as kept in the job (a code the summary words). */
function failureReason(error: unknown): string {
  if (hasCode(error, PkErrorCode.SameSwitchMembers)) return 'same-fronters';
  if (hasCode(error, PkErrorCode.MemberRefNotFound) || hasCode(error, PkErrorCode.MemberRefNotOwn)) return 'member-gone';
  if (error instanceof Refusal) return error.code === 'write.outcome-unknown' || error.code === 'write.outcome-by-dm' ? 'outcome-unknown' : error.code;
  if (isPluralKitError(error)) return error.code !== null && error.code !== 0 ? `pluralkit-${error.code}` : `pluralkit-${error.kind}`;
  return 'unexpected';
}

/**
 * Runs confirmed front history imports in the background, one loop per job, oldest switch first.
 * Each switch is one POST through the client, whose rate limiter keeps to PluralKit's own-system
 * write budget; its outcome is recorded before the next is sent, so a restart resumes at the first
 * switch not recorded. That one may have been sent before the stop: PluralKit keeps one switch per
 * instant, so sending it again is refused (40005) and it is read back instead — never written twice.
 */
export class ImportRunner implements ImportJobs {
  private readonly loops = new Map<string, Promise<void>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly services: Services,
    private readonly clock: Clock,
  ) {}

  /** Picks up every job that was running when the process stopped. */
  async resumeAll(): Promise<void> {
    for (const job of await this.services.stores.importJobs.running()) this.run(job.id);
  }

  /** Starts a previewed job (one per system) and runs it; a job already running is left to its loop. */
  async begin(jobId: string): Promise<StartResult> {
    const started = await this.services.stores.importJobs.start(jobId);
    if (started.ok) this.run(jobId);
    return started;
  }

  /**
   * Tells `onProgress` after every switch until the job ends (resolving with its final record), or
   * this process stops (resolving with where it got: the job is still running, and resumes).
   */
  async watch(jobId: string, onProgress: Listener): Promise<ImportJobRecord | undefined> {
    const listeners = this.listeners.get(jobId) ?? new Set<Listener>();
    this.listeners.set(jobId, listeners);
    listeners.add(onProgress);
    try {
      await this.loops.get(jobId);
      return await this.services.stores.importJobs.get(jobId);
    } finally {
      listeners.delete(onProgress);
      if (listeners.size === 0) this.listeners.delete(jobId);
    }
  }

  /** Stops every loop after the switch in hand (its outcome is settled at the next start if need be). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.loops.values()]);
  }

  private run(jobId: string): void {
    if (this.loops.has(jobId) || this.stopping.signal.aborted) return;
    const loop = this.loop(jobId)
      .catch((error: unknown) => this.services.logger.error({ err: error, jobId }, 'an import job stopped on an unexpected error; it resumes at the next start'))
      .finally(() => this.loops.delete(jobId));
    this.loops.set(jobId, loop);
  }

  private async loop(jobId: string): Promise<void> {
    const jobs = this.services.stores.importJobs;
    for (;;) {
      const job = await jobs.get(jobId);
      if (!job || job.status !== 'running' || this.stopping.signal.aborted) return;
      const batch = await jobs.switches(jobId, job.next, BATCH);
      if (batch.length === 0) return this.end(jobId, 'done');
      let auth: OwnSystemAuth | null = null;
      for (const [offset, entry] of batch.entries()) {
        const position = job.next + offset;
        // Read for every switch: a token removed (or replaced by another system's) stops the job at once.
        auth = await this.authFor(job);
        if (!auth) return this.end(jobId, 'stopped', 'token-removed');
        const outcome = await this.create(auth, entry);
        if (outcome === 'stop' || this.stopping.signal.aborted) return;
        if (outcome === 'token-invalid') return this.end(jobId, 'stopped', 'token-invalid');
        if (!(await jobs.advance(jobId, position, outcome))) return;
        this.tell(jobId, await jobs.get(jobId));
      }
      if (auth) await switchesChanged(this.services, auth);
    }
  }

  /** The job owner's token, while it is still stored for the job's system. */
  private async authFor(job: ImportJobRecord): Promise<OwnSystemAuth | null> {
    const stored = await storedTokenFor(this.services, job.userId).catch(() => null);
    return stored && stored.systemId === job.systemId ? { token: stored.token, systemId: stored.systemId } : null;
  }

  /** Creates one switch, settling a lost answer by reading back; tries again while PluralKit cannot take it. */
  private async create(auth: OwnSystemAuth, entry: ImportJobSwitch): Promise<ImportJobOutcome | 'stop' | 'token-invalid'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.services.writes.withReadBack({
          write: async (deadline) => {
            try {
              await this.services.pluralkit.createSwitch('@me', { members: entry.members, timestamp: entry.timestamp }, { token: auth.token, deadline, signal: this.stopping.signal });
            } catch (error) {
              // Stopping: no read-back now; the next start settles this switch (see the class comment).
              if (this.stopping.signal.aborted) throw new ImportStopping();
              throw error;
            }
            return entry;
          },
          readBack: () => this.switchAt(auth, entry),
          checkWith: '`/switch history`',
        });
        return { kind: 'added' };
      } catch (error) {
        if (this.stopping.signal.aborted) return 'stop';
        if (hasCode(error, PkErrorCode.SwitchTimestampExists)) return (await this.switchAt(auth, entry)) ? { kind: 'added' } : { kind: 'skipped' };
        if (isPluralKitError(error) && error.status === 401) return 'token-invalid';
        const wait = RETRY_AFTER_MS[attempt];
        if (!retryable(error) || wait === undefined) return { kind: 'failed', timestamp: entry.timestamp, reason: failureReason(error) };
        this.services.logger.warn({ err: error, attempt }, 'PluralKit could not take an imported switch; trying again');
        await this.clock.sleep(wait, this.stopping.signal);
        if (this.stopping.signal.aborted) return 'stop';
      }
    }
  }

  /**
   * The switch PluralKit has at exactly the entry's instant with the entry's members, or null. A
   * switch there with other members is not ours: PluralKit had it before (the job skips it).
   */
  private async switchAt(auth: OwnSystemAuth, entry: ImportJobSwitch): Promise<ImportJobSwitch | null> {
    const at = parseIsoInstant(entry.timestamp)!;
    const [found] = await this.services.pluralkit.getSystemSwitches('@me', { before: formatInstant(at + 1), limit: 1 }, { token: auth.token });
    return found && parseIsoInstant(found.timestamp) === at && sameMembers(found.members, entry.members) ? entry : null;
  }

  private async end(jobId: string, status: 'done' | 'stopped', reason?: 'token-removed' | 'token-invalid'): Promise<void> {
    const job = await this.services.stores.importJobs.finish(jobId, status, reason);
    this.tell(jobId, job);
  }

  private tell(jobId: string, job: ImportJobRecord | undefined): void {
    if (!job) return;
    for (const listener of this.listeners.get(jobId) ?? []) listener(job);
  }
}
