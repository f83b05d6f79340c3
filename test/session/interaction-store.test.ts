import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionStore } from '../../src/session/interaction-store.js';
import { openDatabase } from '../../src/vault/database.js';

describe('interaction store (real SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
  const db = openDatabase(join(dir, 'state.db'));
  let now = 1_000_000;
  const store = new InteractionStore(db, () => now);

  afterEach(() => {
    now += 1;
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('claims once: the second claim of either kind is told why', () => {
    const key = store.create('switch.delete', 'u1', { switchId: 's' }, 60_000);
    expect(store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: true, row: { payload: { switchId: 's' }, status: 'claimed' } });
    expect(store.claim(key, 'u1', 'cancelled')).toMatchObject({ ok: false, reason: 'in-progress' });
    store.finish(key);
    expect(store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'already-done' });
  });

  it('refuses another user without consuming the row, and knows cancelled, expired and unknown rows', () => {
    const key = store.create('token.remove', 'u1', {}, 60_000);
    expect(store.claim(key, 'u2', 'claimed')).toMatchObject({ ok: false, reason: 'not-yours' });
    expect(store.claim(key, 'u1', 'cancelled')).toMatchObject({ ok: true });
    expect(store.claim(key, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'cancelled' });
    const old = store.create('token.remove', 'u1', {}, 10);
    now += 11;
    expect(store.claim(old, 'u1', 'claimed')).toMatchObject({ ok: false, reason: 'expired' });
    expect(store.claim('nope', 'u1', 'claimed')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('updates open rows and extends their life; reopens a claimed row with a new payload', () => {
    const key = store.create('switch.history', 'u1', { page: 0 }, 100);
    now += 50;
    expect(store.update(key, { page: 1 }, 100)).toBe(true);
    now += 80;
    expect(store.read(key)).toMatchObject({ payload: { page: 1 } });
    expect(store.isExpired(store.read(key)!)).toBe(false);
    expect(store.claim(key, 'u1', 'claimed').ok).toBe(true);
    expect(store.update(key, { page: 2 }, 100)).toBe(false);
    store.reopen(key, { page: 3 }, 100);
    expect(store.read(key)).toMatchObject({ status: 'open', payload: { page: 3 } });
  });

  it('sweeps rows a day past their expiry, not before', () => {
    const key = store.create('x.y', 'u1', {}, 1);
    now += 2;
    expect(store.sweep()).toBe(0);
    expect(store.read(key)).toBeDefined();
    now += 24 * 60 * 60 * 1000;
    expect(store.sweep()).toBeGreaterThan(0);
    expect(store.read(key)).toBeUndefined();
  });
});
