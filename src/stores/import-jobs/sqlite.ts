import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { immediately } from '../sqlite/database.js';
import { sqliteCall } from '../sqlite/faults.js';
import type { SqliteSchema } from '../sqlite/migrations.js';
import type { ImportJobOutcome, ImportJobRecord, ImportJobStore, ImportJobSwitch, NewImportJob, StartResult } from './import-job-store.js';
import { afterOutcome, JOB_COLUMNS, toImportJob, toImportJobSwitch } from './rows.js';

export const IMPORT_JOBS_SQLITE_SCHEMA: SqliteSchema = {
  store: 'import_jobs',
  migrations: [
    `CREATE TABLE import_jobs (
       id          TEXT PRIMARY KEY,
       user_id     TEXT NOT NULL,
       system_id   TEXT NOT NULL,
       source      TEXT NOT NULL,
       status      TEXT NOT NULL CHECK (status IN ('preview', 'running', 'done', 'stopped')),
       total       INTEGER NOT NULL,
       next        INTEGER NOT NULL DEFAULT 0,
       added       INTEGER NOT NULL DEFAULT 0,
       skipped     INTEGER NOT NULL DEFAULT 0,
       failed      INTEGER NOT NULL DEFAULT 0,
       failures    TEXT NOT NULL DEFAULT '[]',
       stop_reason TEXT,
       created_at  INTEGER NOT NULL,
       updated_at  INTEGER NOT NULL
     ) STRICT;
     CREATE UNIQUE INDEX import_jobs_one_running ON import_jobs (system_id) WHERE status = 'running';
     CREATE INDEX import_jobs_by_system ON import_jobs (system_id, created_at);
     CREATE TABLE import_job_switches (
       job_id    TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
       position  INTEGER NOT NULL,
       timestamp TEXT NOT NULL,
       members   TEXT NOT NULL,
       PRIMARY KEY (job_id, position)
     ) STRICT, WITHOUT ROWID;`,
  ],
};

export class SqliteImportJobStore implements ImportJobStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  createPreview(job: NewImportJob, dropPreviewsBefore: number): Promise<ImportJobRecord> {
    return immediately(this.db, () => {
      const dropped = this.db.prepare(`SELECT id FROM import_jobs WHERE status = 'preview' AND (system_id = ? OR created_at < ?)`).all(job.systemId, dropPreviewsBefore) as Array<{ id: string }>;
      for (const { id } of dropped) this.deleteJob(id);
      const id = randomUUID();
      const now = this.now();
      this.db
        .prepare(`INSERT INTO import_jobs (id, user_id, system_id, source, status, total, created_at, updated_at) VALUES (?, ?, ?, ?, 'preview', ?, ?, ?)`)
        .run(id, job.userId, job.systemId, job.source, job.switches.length, now, now);
      const insert = this.db.prepare('INSERT INTO import_job_switches (job_id, position, timestamp, members) VALUES (?, ?, ?, ?)');
      job.switches.forEach((entry, position) => insert.run(id, position, entry.timestamp, JSON.stringify(entry.members)));
      return this.read(id)!;
    });
  }

  start(id: string): Promise<StartResult> {
    return immediately(this.db, () => {
      const job = this.read(id);
      if (!job || job.status === 'done' || job.status === 'stopped') return { ok: false, reason: 'gone' } as const;
      if (job.status === 'running') return { ok: true, job } as const;
      const running = toImportJob(this.db.prepare(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE system_id = ? AND status = 'running'`).get(job.systemId));
      if (running) return { ok: false, reason: 'busy', running } as const;
      this.db.prepare(`UPDATE import_jobs SET status = 'running', updated_at = ? WHERE id = ?`).run(this.now(), id);
      return { ok: true, job: this.read(id)! } as const;
    });
  }

  get(id: string): Promise<ImportJobRecord | undefined> {
    return sqliteCall(() => this.read(id));
  }

  latestFor(systemId: string): Promise<ImportJobRecord | undefined> {
    return sqliteCall(() =>
      toImportJob(
        this.db
          .prepare(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE system_id = ? AND status != 'preview' ORDER BY status = 'running' DESC, created_at DESC, id DESC LIMIT 1`)
          .get(systemId),
      ),
    );
  }

  running(): Promise<ImportJobRecord[]> {
    return sqliteCall(() =>
      this.db
        .prepare(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE status = 'running' ORDER BY created_at, id`)
        .all()
        .map((row) => toImportJob(row)!),
    );
  }

  switches(id: string, from: number, count: number): Promise<ImportJobSwitch[]> {
    return sqliteCall(() =>
      this.db
        .prepare('SELECT timestamp, members FROM import_job_switches WHERE job_id = ? AND position >= ? ORDER BY position LIMIT ?')
        .all(id, from, count)
        .map(toImportJobSwitch),
    );
  }

  advance(id: string, position: number, outcome: ImportJobOutcome): Promise<boolean> {
    return immediately(this.db, () => {
      const job = this.read(id);
      if (!job || job.status !== 'running' || job.next !== position) return false;
      const after = afterOutcome(job, outcome);
      this.db
        .prepare('UPDATE import_jobs SET next = ?, added = ?, skipped = ?, failed = ?, failures = ?, updated_at = ? WHERE id = ?')
        .run(position + 1, after.added, after.skipped, after.failed, JSON.stringify(after.failures), this.now(), id);
      return true;
    });
  }

  finish(id: string, status: 'done' | 'stopped', stopReason?: string): Promise<ImportJobRecord | undefined> {
    return immediately(this.db, () => {
      const ended = this.db.prepare(`UPDATE import_jobs SET status = ?, stop_reason = ?, updated_at = ? WHERE id = ? AND status = 'running'`).run(status, stopReason ?? null, this.now(), id);
      // A finished job's plan is no longer needed; its counts stay for /import status.
      if (ended.changes === 1) this.db.prepare('DELETE FROM import_job_switches WHERE job_id = ?').run(id);
      return this.read(id);
    });
  }

  private read(id: string): ImportJobRecord | undefined {
    return toImportJob(this.db.prepare(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE id = ?`).get(id));
  }

  private deleteJob(id: string): void {
    this.db.prepare('DELETE FROM import_job_switches WHERE job_id = ?').run(id);
    this.db.prepare('DELETE FROM import_jobs WHERE id = ?').run(id);
  }
}
