import { describe, expect, it } from 'vitest';
import { EntityListCache } from '../../src/resolve/member-cache.js';

/** A loader the test finishes by hand, counting how often it was called. */
function manualLoader<T>() {
  const pending: Array<{ resolve: (value: T[]) => void; reject: (error: Error) => void }> = [];
  const loader = () =>
    new Promise<T[]>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { loader, pending, calls: () => pending.length };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('EntityListCache', () => {
  it('loads once for concurrent callers and serves fresh data until the TTL', async () => {
    let now = 0;
    let loads = 0;
    const cache = new EntityListCache<number>({ ttlMs: 1000, now: () => now });
    const loader = async () => [++loads];
    const [a, b] = await Promise.all([cache.get('u1', loader), cache.get('u1', loader)]);
    expect(a).toEqual([1]);
    expect(b).toBe(a);
    now = 999;
    expect(await cache.get('u1', loader)).toEqual([1]);
    expect(cache.isFresh('u1')).toBe(true);
    now = 1000;
    expect(cache.isFresh('u1')).toBe(false);
    expect(cache.peek('u1')).toEqual([1]);
    expect(await cache.get('u1', loader)).toEqual([2]);
    expect(loads).toBe(2);
  });

  it('defaults to a 60-second TTL', async () => {
    let now = 0;
    const cache = new EntityListCache<string>({ now: () => now });
    await cache.get('k', async () => ['a']);
    now = 59_999;
    expect(cache.isFresh('k')).toBe(true);
    now = 60_000;
    expect(cache.isFresh('k')).toBe(false);
  });

  it('keeps keys apart, so one auth context never sees another’s list', async () => {
    const cache = new EntityListCache<string>();
    await cache.get('user-a:sys1', async () => ['a']);
    expect(cache.peek('user-b:sys1')).toBeUndefined();
    expect(await cache.get('user-b:sys1', async () => ['b'])).toEqual(['b']);
    expect(cache.peek('user-a:sys1')).toEqual(['a']);
  });

  it('updateWhere changes or forgets every matching key, and a load under way for one stores nothing', async () => {
    let now = 0;
    const cache = new EntityListCache<string>({ ttlMs: 1000, now: () => now });
    await cache.get('u1:sysA', async () => ['a1']);
    await cache.get('u2:sysA', async () => ['a2']);
    await cache.get('u1:sysB', async () => ['b']);
    const slow = manualLoader<string>();
    const pending = cache.get('u3:sysA', slow.loader);
    await flush();
    now = 500;
    cache.updateWhere((key) => key.endsWith(':sysA'), (list) => ['new', ...list]);
    expect(cache.peek('u1:sysA')).toEqual(['new', 'a1']);
    expect(cache.peek('u2:sysA')).toEqual(['new', 'a2']);
    expect(cache.peek('u1:sysB')).toEqual(['b']);
    // The update is ours, not a fresh read: the list goes stale when the read it came from does.
    now = 1000;
    expect(cache.isFresh('u1:sysA')).toBe(false);
    slow.pending[0]!.resolve(['before the write']);
    expect(await pending).toEqual(['before the write']);
    expect(cache.peek('u3:sysA')).toBeUndefined();
    cache.updateWhere((key) => key.endsWith(':sysA'), () => null);
    expect(cache.peek('u1:sysA')).toBeUndefined();
    expect(cache.peek('u1:sysB')).toEqual(['b']);
  });

  it('forgets a key on invalidate', async () => {
    const cache = new EntityListCache<string>();
    await cache.get('k', async () => ['old']);
    cache.invalidate('k');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', async () => ['new'])).toEqual(['new']);
  });

  it('does not store a load that started before an invalidate', async () => {
    const cache = new EntityListCache<string>();
    const slow = manualLoader<string>();
    const before = cache.get('k', slow.loader);
    await flush();
    cache.invalidate('k');
    const after = cache.get('k', async () => ['after the write']);
    slow.pending[0]!.resolve(['before the write']);
    expect(await before).toEqual(['before the write']);
    expect(await after).toEqual(['after the write']);
    expect(cache.peek('k')).toEqual(['after the write']);
  });

  it('does not cache a failed load, synchronous throws included', async () => {
    const cache = new EntityListCache<string>();
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(
      cache.get('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', async () => ['ok'])).toEqual(['ok']);
  });

  it('evicts the least recently used key beyond its bound', async () => {
    const cache = new EntityListCache<string>({ maxKeys: 2 });
    await cache.get('a', async () => ['a']);
    await cache.get('b', async () => ['b']);
    cache.peek('a'); // now "b" is the least recently used
    await cache.get('c', async () => ['c']);
    expect(cache.size).toBe(2);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toEqual(['a']);
    expect(cache.peek('c')).toEqual(['c']);
  });

  describe('bounded memory', () => {
    /** 100 "bytes" per entry, so sizes are easy to follow. */
    const sizeOf = (value: readonly string[]) => value.length * 100;
    const list = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`);

    it('evicts the least recently used lists once their size passes maxBytes', async () => {
      const cache = new EntityListCache<string>({ maxBytes: 1_000, sizeOf });
      await cache.get('a', async () => list(4, 'a'));
      await cache.get('b', async () => list(4, 'b'));
      expect(cache.approximateBytes).toBe(800);
      cache.peek('a'); // "b" is now the least recently used
      await cache.get('c', async () => list(3, 'c'));
      expect(cache.peek('b')).toBeUndefined();
      expect(cache.peek('a')).toHaveLength(4);
      expect(cache.peek('c')).toHaveLength(3);
      expect(cache.approximateBytes).toBe(700);
      await cache.get('d', async () => list(6, 'd'));
      // 1,300 bytes: "a" (used before "c") goes, which is enough.
      expect(cache.peek('a')).toBeUndefined();
      expect(cache.size).toBe(2);
      expect(cache.approximateBytes).toBe(900);
    });

    it('serves a list larger than the whole bound without keeping it', async () => {
      const cache = new EntityListCache<string>({ maxBytes: 1_000, sizeOf });
      await cache.get('small', async () => list(2, 's'));
      expect(await cache.get('huge', async () => list(20, 'h'))).toHaveLength(20);
      expect(cache.peek('huge')).toBeUndefined();
      expect(cache.peek('small')).toHaveLength(2);
      expect(cache.approximateBytes).toBe(200);
    });

    it('replacing or invalidating a list gives its bytes back', async () => {
      let now = 0;
      const cache = new EntityListCache<string>({ ttlMs: 10, maxBytes: 1_000, sizeOf, now: () => now });
      await cache.get('k', async () => list(5, 'k'));
      now = 10;
      await cache.get('k', async () => list(2, 'k'));
      expect(cache.approximateBytes).toBe(200);
      cache.invalidate('k');
      expect(cache.approximateBytes).toBe(0);
    });

    it('drops lists nobody asked for in idleMs; asking keeps a list alive', async () => {
      let now = 0;
      const cache = new EntityListCache<string>({ ttlMs: 60_000, idleMs: 1_000, now: () => now });
      await cache.get('used', async () => ['u']);
      await cache.get('idle', async () => ['i']);
      now = 900;
      cache.peek('used');
      now = 1_500;
      cache.sweep();
      expect(cache.size).toBe(1);
      expect(cache.peek('used')).toEqual(['u']);
      expect(cache.peek('idle')).toBeUndefined();
      now = 2_600;
      expect(cache.peekAndRefresh('used', async () => ['u2'])).toBeUndefined(); // idle too long: gone, reloading
      await flush();
      expect(cache.peek('used')).toEqual(['u2']);
      cache.dispose();
    });

    it('tells onIdleDropped what each sweep freed, and nothing when it freed nothing', async () => {
      let now = 0;
      const told: number[] = [];
      const cache = new EntityListCache<string>({ ttlMs: 60_000, idleMs: 1_000, sizeOf, now: () => now, onIdleDropped: (bytes) => told.push(bytes) });
      await cache.get('a', async () => list(3, 'a'));
      await cache.get('b', async () => list(2, 'b'));
      now = 500;
      cache.sweep();
      expect(told).toEqual([]);
      now = 1_200;
      cache.sweep();
      expect(told).toEqual([500]);
      cache.dispose();
    });

    it('estimates a member list by its parsed size when no sizeOf is given', async () => {
      const cache = new EntityListCache<{ name: string; description: string }>();
      await cache.get('k', async () => Array.from({ length: 1_000 }, (_, i) => ({ name: `Member ${i}`, description: 'x'.repeat(500) })));
      // 1,000 objects with a 500-character string each: well over half a megabyte.
      expect(cache.approximateBytes).toBeGreaterThan(500_000);
      expect(cache.approximateBytes).toBeLessThan(1_000_000);
    });
  });

  describe('for autocomplete', () => {
    it('peekAndRefresh answers from the cache at once and reloads a stale list in the background', async () => {
      let now = 0;
      const cache = new EntityListCache<string>({ ttlMs: 1000, now: () => now });
      await cache.get('k', async () => ['v1']);
      const slow = manualLoader<string>();
      expect(cache.peekAndRefresh('k', slow.loader)).toEqual(['v1']);
      await flush();
      expect(slow.calls()).toBe(0); // still fresh: no reload
      now = 1000;
      expect(cache.peekAndRefresh('k', slow.loader)).toEqual(['v1']);
      expect(cache.peekAndRefresh('k', slow.loader)).toEqual(['v1']);
      await flush();
      expect(slow.calls()).toBe(1); // one reload however many calls
      slow.pending[0]!.resolve(['v2']);
      await flush();
      expect(cache.peek('k')).toEqual(['v2']);
      expect(cache.isFresh('k')).toBe(true);
    });

    it('peekAndRefresh on a cold key starts a load and returns nothing; a failure is dropped', async () => {
      const cache = new EntityListCache<string>();
      expect(cache.peekAndRefresh('k', async () => Promise.reject(new Error('down')))).toBeUndefined();
      await flush();
      expect(cache.peek('k')).toBeUndefined();
      expect(cache.peekAndRefresh('k', async () => ['up'])).toBeUndefined();
      await flush();
      expect(cache.peek('k')).toEqual(['up']);
    });

    it('getWithin waits for a cold load only as long as allowed, and the load still fills the cache', async () => {
      const cache = new EntityListCache<string>();
      const slow = manualLoader<string>();
      const started = Date.now();
      expect(await cache.getWithin('k', slow.loader, 30)).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(1000);
      slow.pending[0]!.resolve(['late']);
      await flush();
      expect(await cache.getWithin('k', slow.loader, 30)).toEqual(['late']);
      expect(slow.calls()).toBe(1);
    });

    it('getWithin returns a load that finishes in time, and undefined for one that fails', async () => {
      const cache = new EntityListCache<string>();
      expect(await cache.getWithin('k', async () => ['quick'], 1000)).toEqual(['quick']);
      expect(await cache.getWithin('x', async () => Promise.reject(new Error('down')), 1000)).toBeUndefined();
    });
  });
});
