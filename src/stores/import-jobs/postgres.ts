import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PostgresSchema } from '../postgres/migrations.js';
import { inTransaction, postgresCall, type Queryable } from '../postgres/pool.js';
import type { ImportJobOutcome, ImportJobRecord, ImportJobStore, ImportJobSwitch, NewImportJob, StartResult } from './import-job-store.js';
import { afterOutcome, JOB_COLUMNS, toImportJob, toImportJobSwitch } from './rows.js';

export const IMPORT_JOBS_POSTGRES_SCHEMA: PostgresSchema = {
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
       created_at  BIGINT NOT NULL,
       updated_at  BIGINT NOT NULL
     );
     CREATE UNIQUE INDEX import_jobs_one_running ON import_jobs (system_id) WHERE status = 'running';
     CREATE INDEX import_jobs_by_system ON import_jobs (system_id, created_at);
     CREATE TABLE import_job_switches (
       job_id    TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
       position  INTEGER NOT NULL,
       timestamp TEXT NOT NULL,
       members   TEXT NOT NULL,
       PRIMARY KEY (job_id, position)
     );`,
  ],
};

/** Rows per INSERT when storing a plan (PostgreSQL takes at most 65,535 parameters). */
const INSERT_BATCH = 1_000;

async function readJob(db: Queryable, id: string, lock = false): Promise<ImportJobRecord | undefined> {
  return toImportJob((await db.query(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0]);
}

export class PostgresImportJobStore implements ImportJobStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  createPreview(job: NewImportJob, dropPreviewsBefore: number): Promise<ImportJobRecord> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM import_jobs WHERE status = 'preview' AND (system_id = $1 OR created_at < $2)`, [job.systemId, dropPreviewsBefore]);
      const id = randomUUID();
      const now = this.now();
      await client.query(`INSERT INTO import_jobs (id, user_id, system_id, source, status, total, created_at, updated_at) VALUES ($1, $2, $3, $4, 'preview', $5, $6, $6)`, [
        id,
        job.userId,
        job.systemId,
        job.source,
        job.switches.length,
        now,
      ]);
      for (let first = 0; first < job.switches.length; first += INSERT_BATCH) {
        const batch = job.switches.slice(first, first + INSERT_BATCH);
        await client.query(
          `INSERT INTO import_job_switches (job_id, position, timestamp, members)
           SELECT $1, first_position + ordinality - 1, entry.timestamp, entry.members
           FROM (SELECT $2::int AS first_position) start,
                unnest($3::text[], $4::text[]) WITH ORDINALITY AS entry(timestamp, members, ordinality)`,
          [id, first, batch.map((entry) => entry.timestamp), batch.map((entry) => JSON.stringify(entry.members))],
        );
      }
      return (await readJob(client, id))!;
    });
  }

  start(id: string): Promise<StartResult> {
    return inTransaction(this.pool, async (client): Promise<StartResult> => {
      const job = await readJob(client, id, true);
      if (!job || job.status === 'done' || job.status === 'stopped') return { ok: false, reason: 'gone' };
      if (job.status === 'running') return { ok: true, job };
      // The system's jobs are taken in one order, so two starts for one system never both pass.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import_jobs:${job.systemId}`]);
      const running = toImportJob((await client.query(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE system_id = $1 AND status = 'running'`, [job.systemId])).rows[0]);
      if (running) return { ok: false, reason: 'busy', running };
      await client.query(`UPDATE import_jobs SET status = 'running', updated_at = $1 WHERE id = $2`, [this.now(), id]);
      return { ok: true, job: (await readJob(client, id))! };
    });
  }

  get(id: string): Promise<ImportJobRecord | undefined> {
    return postgresCall(() => readJob(this.pool, id));
  }

  latestFor(systemId: string): Promise<ImportJobRecord | undefined> {
    return postgresCall(async () =>
      toImportJob(
        (
          await this.pool.query(
            `SELECT ${JOB_COLUMNS} FROM import_jobs WHERE system_id = $1 AND status != 'preview' ORDER BY status = 'running' DESC, created_at DESC, id DESC LIMIT 1`,
            [systemId],
          )
        ).rows[0],
      ),
    );
  }

  running(): Promise<ImportJobRecord[]> {
    return postgresCall(async () => (await this.pool.query(`SELECT ${JOB_COLUMNS} FROM import_jobs WHERE status = 'running' ORDER BY created_at, id`)).rows.map((row) => toImportJob(row)!));
  }

  switches(id: string, from: number, count: number): Promise<ImportJobSwitch[]> {
    return postgresCall(async () =>
      (await this.pool.query('SELECT timestamp, members FROM import_job_switches WHERE job_id = $1 AND position >= $2 ORDER BY position LIMIT $3', [id, from, count])).rows.map(toImportJobSwitch),
    );
  }

  advance(id: string, position: number, outcome: ImportJobOutcome): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const job = await readJob(client, id, true);
      if (!job || job.status !== 'running' || job.next !== position) return false;
      const after = afterOutcome(job, outcome);
      await client.query('UPDATE import_jobs SET next = $1, added = $2, skipped = $3, failed = $4, failures = $5, updated_at = $6 WHERE id = $7', [
        position + 1,
        after.added,
        after.skipped,
        after.failed,
        JSON.stringify(after.failures),
        this.now(),
        id,
      ]);
      return true;
    });
  }

  finish(id: string, status: 'done' | 'stopped', stopReason?: string): Promise<ImportJobRecord | undefined> {
    return inTransaction(this.pool, async (client) => {
      const ended = await client.query(`UPDATE import_jobs SET status = $1, stop_reason = $2, updated_at = $3 WHERE id = $4 AND status = 'running'`, [status, stopReason ?? null, this.now(), id]);
      // A finished job's plan is no longer needed; its counts stay for /import status.
      if (ended.rowCount === 1) await client.query('DELETE FROM import_job_switches WHERE job_id = $1', [id]);
      return readJob(client, id);
    });
  }
}
