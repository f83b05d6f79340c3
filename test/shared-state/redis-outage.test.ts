import { createServer, connect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { openSharedState } from '../../src/shared-state/open-shared-state.js';
import { redisConnection } from '../../src/shared-state/redis.js';
import { RedisHealth, redisSharedState } from '../../src/shared-state/resilient.js';
import { ManualClock } from '../support/manual-clock.js';
import { redisTestUrl, useRedisPrefix } from '../support/redis.js';

/**
 * A TCP relay to the real Redis that the test can pull out and put back, as a network or a restart
 * would, or freeze (Redis hangs: what is sent waits unanswered, connection up).
 */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly upstreams = new Set<Socket>();
  port = 0;
  /** Chunks the bot's client sent towards Redis. */
  sent = 0;

  constructor(private readonly target: URL) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
      this.upstreams.add(upstream);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => {
          this.sockets.delete(socket);
          this.upstreams.delete(socket);
        });
        socket.on('error', () => undefined);
      }
      client.on('data', () => this.sent++);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Redis's answers wait in the relay until `thaw` (none is lost, so the connection stays in step). */
  freeze(): void {
    for (const upstream of this.upstreams) upstream.pause();
  }

  thaw(): void {
    for (const upstream of this.upstreams) upstream.resume();
  }

  async pull(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe.skipIf(!redisTestUrl)('when Redis goes away mid-run', () => {
  const prefix = useRedisPrefix();
  const lines: Array<{ level: number; msg: string }> = [];
  const log = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    }),
  );
  const direct = createClient({ url: redisTestUrl! });
  afterAll(async () => {
    if (direct.isOpen) await direct.close();
  });

  it('answers from in-process state with one warning, and shares through Redis again once it is back', async () => {
    await direct.connect();
    const relay = new Relay(new URL(redisTestUrl!));
    await relay.open();
    const state = await openSharedState({ redisUrl: `redis://127.0.0.1:${relay.port}`, publicViewTtlMs: 5_000, redisKeyPrefix: prefix }, log);
    try {
      await state.versions.change('members:abcde');
      const sharedStamp = await direct.get(`${prefix}version:members:abcde`);
      expect(sharedStamp).not.toBeNull();

      await relay.pull();
      // Nothing throws and nothing waits on the lost connection.
      expect(await state.rateBuckets.take([{ key: 'generic_get:bot', intervalMs: 100, toleranceMs: 700 }])).toEqual({ admitted: true });
      state.publicViews.set('- /systems/abcde', { id: 'abcde' }, 'abcde');
      expect(await state.publicViews.get('- /systems/abcde')).toMatchObject({ value: { id: 'abcde' } });
      await state.versions.change('members:abcde');
      const localStamp = await state.versions.stamp('members:abcde');
      expect(localStamp).not.toBe(sharedStamp);
      const warnings = lines.filter((line) => line.level === 40 && /Redis is unreachable/.test(line.msg));
      expect(warnings).toHaveLength(1);

      await relay.open();
      await vi.waitFor(() => expect(lines.some((line) => /Redis answers again/.test(line.msg))).toBe(true), { timeout: 20_000, interval: 50 });
      // Shared again: the stamp is Redis's (the change made while away stayed in this process).
      expect(await state.versions.stamp('members:abcde')).toBe(sharedStamp);
      await state.versions.change('groups:abcde');
      expect(await direct.get(`${prefix}version:groups:abcde`)).toBe(await state.versions.stamp('groups:abcde'));
    } finally {
      await state.close();
      await relay.pull().catch(() => undefined);
    }
  }, 30_000);

  it('a Redis that hangs costs one command timeout, then is left alone for a while before one call tries it again', async () => {
    const relay = new Relay(new URL(redisTestUrl!));
    await relay.open();
    const clock = new ManualClock();
    const health = new RedisHealth(redisConnection(`redis://127.0.0.1:${relay.port}`), log, `127.0.0.1:${relay.port}`, () => clock.now());
    await health.client.connect();
    const state = redisSharedState({ health, prefix, publicViewTtlMs: 5_000 });
    try {
      await state.versions.change('members:hung');
      relay.freeze();
      // The first call waits for its command to time out, then answers from this process (whose copy of the change it has).
      const local = await state.versions.stamp('members:hung');
      expect(local).not.toBeNull();
      const sentWhileCooling = relay.sent;
      for (let i = 0; i < 20; i++) expect(await state.versions.stamp('members:hung')).toBe(local);
      expect(relay.sent).toBe(sentWhileCooling);
      relay.thaw();
      clock.advance(5_000);
      const shared = await state.versions.stamp('members:hung');
      expect(shared).not.toBeNull();
      expect(relay.sent).toBeGreaterThan(sentWhileCooling);
      expect(lines.some((line) => /Redis answers again/.test(line.msg))).toBe(true);
    } finally {
      await state.close();
      await relay.pull().catch(() => undefined);
    }
  }, 30_000);

  it('a start with Redis unreachable carries on in-process and says so', async () => {
    const relay = new Relay(new URL(redisTestUrl!));
    await relay.open();
    const port = relay.port;
    await relay.pull();
    const before = lines.length;
    const state = await openSharedState({ redisUrl: `redis://:secret@127.0.0.1:${port}`, publicViewTtlMs: 5_000, redisKeyPrefix: prefix }, log);
    try {
      expect(state.kind).toBe('redis');
      expect(await state.rateBuckets.take([{ key: 'generic_get:bot', intervalMs: 100, toleranceMs: 700 }])).toEqual({ admitted: true });
      const said = lines.slice(before);
      expect(said.filter((line) => /Redis is unreachable/.test(line.msg))).toHaveLength(1);
      expect(JSON.stringify(said)).not.toContain('secret');
    } finally {
      await state.close();
    }
  }, 30_000);
});
