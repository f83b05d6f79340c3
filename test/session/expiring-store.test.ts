import { describe, expect, it } from 'vitest';
import { ExpiringStore } from '../../src/session/expiring-store.js';

describe('ExpiringStore', () => {
  it('returns values until they expire', () => {
    let now = 0;
    const store = new ExpiringStore<string>(1000, 100, () => now);
    const key = store.put('edit');
    expect(key).toMatch(/^[\w-]{12}$/);
    now = 999;
    expect(store.get(key)).toBe('edit');
    now = 1000;
    expect(store.get(key)).toBeUndefined();
  });

  it('take removes the value so a confirmation applies once', () => {
    const store = new ExpiringStore<number>(1000);
    const key = store.put(7);
    expect(store.take(key)).toBe(7);
    expect(store.take(key)).toBeUndefined();
  });

  it('stays bounded, dropping the oldest entries', () => {
    const store = new ExpiringStore<number>(60_000, 3);
    const first = store.put(1);
    store.put(2);
    store.put(3);
    store.put(4);
    expect(store.size).toBe(3);
    expect(store.get(first)).toBeUndefined();
  });

  it('update changes a live value only', () => {
    let now = 0;
    const store = new ExpiringStore<number>(10, 10, () => now);
    const key = store.put(1);
    expect(store.update(key, 2)).toBe(true);
    expect(store.get(key)).toBe(2);
    now = 20;
    expect(store.update(key, 3)).toBe(false);
  });
});
