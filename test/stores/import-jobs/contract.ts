import { describe, expect, it } from 'vitest';
import { MAX_RECORDED_FAILURES, type ImportJobStore, type NewImportJob } from '../../../src/stores/import-jobs/import-job-store.js';
import { useFreshDatabases } from '../helpers.js';

export interface ImportJobsUnderTest {
  store: ImportJobStore;
  /** The same database through another connection (another instance), on the same clock. */
  another(): Promise<ImportJobStore>;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

function plan(systemId: string, count: number, userId = 'u1'): NewImportJob {
  return {
    userId,
    systemId,
    source: 'simplyplural',
    switches: Array.from({ length: count }, (_, i) => ({ timestamp: `2025-03-01T${String(i % 24).padStart(2, '0')}:00:00.${String(i).padStart(6, '0')}Z`, members: i % 3 === 0 ? [] : ['abcde', `m${i}`] })),
  };
}

/** What every import-job store must do; runs unchanged against each database. */
export function describeImportJobsContract(name: string, open: (now: () => number) => Promise<ImportJobsUnderTest>): void {
  describe(`import jobs contract: ${name}`, () => {
    const { clock, fresh } = useFreshDatabases(open, 7_000_000);

    it('keeps a preview’s plan in order, and shows no preview as the system’s job', async () => {
      const { store } = await fresh();
      const job = await store.createPreview(plan('sys01', 2_500), 0);
      expect(job).toMatchObject({ systemId: 'sys01', userId: 'u1', source: 'simplyplural', status: 'preview', total: 2_500, next: 0, added: 0, skipped: 0, failed: 0, failures: [], stopReason: null, createdAt: clock.now });
      const all = await store.switches(job.id, 0, 3_000);
      expect(all).toEqual(plan('sys01', 2_500).switches);
      expect(await store.switches(job.id, 2_498, 10)).toEqual(plan('sys01', 2_500).switches.slice(2_498));
      expect(await store.latestFor('sys01')).toBeUndefined();
      expect(await store.get('no-such-job')).toBeUndefined();
    });

    it('drops older previews of the system and stale ones of anyone; a dropped preview cannot start', async () => {
      const { store } = await fresh();
      const stale = await store.createPreview(plan('other', 1), 0);
      const first = await store.createPreview(plan('sys01', 2), 0);
      clock.now += HOUR;
      const second = await store.createPreview(plan('sys01', 3), clock.now - HOUR / 2);
      expect(await store.get(first.id)).toBeUndefined();
      expect(await store.get(stale.id)).toBeUndefined();
      expect(await store.switches(first.id, 0, 10)).toEqual([]);
      expect(await store.start(first.id)).toEqual({ ok: false, reason: 'gone' });
      expect(await store.start(second.id)).toMatchObject({ ok: true, job: { status: 'running' } });
    });

    it('runs one job per system: a second start of the same job is the same job, another is busy', async () => {
      const db = await fresh();
      const other = await db.another();
      const a = await db.store.createPreview(plan('sys01', 2, 'u1'), 0);
      // A preview of another system, and (by another account of the same system, created later) one of this one.
      clock.now += 1;
      const elsewhere = await db.store.createPreview(plan('sys02', 2), 0);
      const results = await Promise.all([db.store.start(a.id), other.start(a.id)]);
      expect(results.every((result) => result.ok)).toBe(true);
      const b = await other.createPreview(plan('sys01', 2, 'u2'), 0);
      expect(await db.store.start(b.id)).toMatchObject({ ok: false, reason: 'busy', running: { id: a.id } });
      expect(await db.store.start(elsewhere.id)).toMatchObject({ ok: true });
      expect((await db.store.running()).map((job) => job.id)).toEqual([a.id, elsewhere.id]);
      expect(await db.store.latestFor('sys01')).toMatchObject({ id: a.id, status: 'running' });
    });

    it('advances one position at a time, counting each outcome once, and keeps the first failures with why', async () => {
      const db = await fresh();
      const other = await db.another();
      const job = await db.store.createPreview(plan('sys01', MAX_RECORDED_FAILURES + 10), 0);
      expect(await db.store.advance(job.id, 0, { kind: 'added' })).toBe(false); // not running yet
      await db.store.start(job.id);
      const racing = await Promise.all([db.store.advance(job.id, 0, { kind: 'added' }), other.advance(job.id, 0, { kind: 'added' })]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await db.store.advance(job.id, 0, { kind: 'added' })).toBe(false);
      expect(await db.store.advance(job.id, 1, { kind: 'skipped' })).toBe(true);
      for (let position = 2; position < MAX_RECORDED_FAILURES + 10; position++) {
        expect(await db.store.advance(job.id, position, { kind: 'failed', timestamp: `t${position}`, reason: '40004' })).toBe(true);
      }
      clock.now += 5;
      const done = await db.store.finish(job.id, 'done');
      expect(done).toMatchObject({ status: 'done', next: MAX_RECORDED_FAILURES + 10, added: 1, skipped: 1, failed: MAX_RECORDED_FAILURES + 8, updatedAt: clock.now });
      expect(done!.failures).toHaveLength(MAX_RECORDED_FAILURES);
      expect(done!.failures[0]).toEqual({ timestamp: 't2', reason: '40004' });
      // Finished: its plan is gone, nothing more is counted, and it is still the system's latest job.
      expect(await db.store.switches(job.id, 0, 10)).toEqual([]);
      expect(await db.store.advance(job.id, done!.next, { kind: 'added' })).toBe(false);
      expect(await db.store.running()).toEqual([]);
      expect(await db.store.latestFor('sys01')).toMatchObject({ id: job.id, status: 'done' });
      expect(await db.store.start(job.id)).toEqual({ ok: false, reason: 'gone' });
    });

    it('stops a job with why, and the system may then start another', async () => {
      const { store } = await fresh();
      const first = await store.createPreview(plan('sys01', 3), 0);
      await store.start(first.id);
      expect(await store.finish(first.id, 'stopped', 'token-removed')).toMatchObject({ status: 'stopped', stopReason: 'token-removed', next: 0 });
      // A finish of a job no longer running changes nothing.
      expect(await store.finish(first.id, 'done')).toMatchObject({ status: 'stopped' });
      clock.now += 1;
      const second = await store.createPreview(plan('sys01', 1), 0);
      expect(await store.start(second.id)).toMatchObject({ ok: true });
      expect(await store.latestFor('sys01')).toMatchObject({ id: second.id });
    });
  });
}
