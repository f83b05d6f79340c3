import { beforeEach, describe, expect, it } from 'vitest';
import type { ManualTimers, PluralKitEmulator, SeededSystem } from '../support/pluralkit-emulator/index.js';
import { DispatchReceiver, registerReceiverQuietly, useDispatchEnvironment } from './dispatch-receiver.js';

const environment = useDispatchEnvironment();
let pk: PluralKitEmulator;
let timers: ManualTimers;
let receiver: DispatchReceiver;
let system: SeededSystem;
let token: string;

beforeEach(async () => {
  ({ pk, timers, receiver } = environment());
  system = pk.seedSystem({ name: 'Hooked' });
  token = await registerReceiverQuietly(environment(), system.id);
});

/** Three distinguishable events, emitted in the order a, b, c. */
function emitThree(): void {
  for (const name of ['a', 'b', 'c']) pk.asPluralKit(system.id).request('PATCH', '/systems/@me', { name });
}

function receivedNames(): unknown[] {
  return receiver.posts.map((post) => (post.envelope.data as { name?: string }).name);
}

describe('delivery as PluralKit does it', () => {
  it('does not retry an envelope answered 500, however long one waits', async () => {
    receiver.answer = () => 500;
    emitThree();
    const settled = await pk.dispatch.waitForDeliveries(3);
    expect(settled.map((delivery) => [delivery.state, delivery.status])).toEqual(Array(3).fill(['answered', 500]));
    timers.advance(3_600_000);
    expect(receiver.posts).toHaveLength(3);
    expect(pk.dispatch.deliveries).toHaveLength(3);
  });

  it('gives up after 10 s without an answer and does not retry', async () => {
    receiver.answer = () => 'hang';
    pk.asPluralKit(system.id).request('PATCH', '/systems/@me', { name: 'slow' });
    await receiver.received(1);
    timers.advance(9_999);
    expect(pk.dispatch.deliveries[0]?.state).toBe('sending');
    timers.advance(1);
    const [delivery] = await pk.dispatch.waitForDeliveries(1);
    expect(delivery?.state).toBe('timed-out');
    timers.advance(3_600_000);
    expect(receiver.posts).toHaveLength(1);
    expect(pk.dispatch.deliveries).toHaveLength(1);
  });

  it('records a receiver that cannot be reached as failed, once', async () => {
    const gone = await DispatchReceiver.start();
    await gone.close();
    pk.seedSystem({ id: 'gonesy', webhook_url: gone.url });
    pk.asPluralKit('gonesy').request('PATCH', '/systems/@me', { name: 'nobody home' });
    const [delivery] = await pk.dispatch.waitForDeliveries(1);
    expect(delivery?.state).toBe('failed');
    expect(delivery?.error).toMatch(/ECONNREFUSED/);
    expect(pk.dispatch.deliveries).toHaveLength(1);
  });

  it('sends the stored signing token in every envelope, whatever the receiver answers', async () => {
    receiver.answer = () => 401;
    emitThree();
    await pk.dispatch.waitForDeliveries(3);
    expect(receiver.posts.map((post) => post.envelope.signing_token)).toEqual([token, token, token]);
  });
});

describe('test controls over delivery', () => {
  it('holds envelopes and releases them in a chosen order, each answered before the next is sent', async () => {
    pk.dispatch.hold();
    emitThree();
    expect(pk.dispatch.held.map((delivery) => delivery.state)).toEqual(['held', 'held', 'held']);
    expect(receiver.posts).toEqual([]);
    const released = await pk.dispatch.release({ order: [2, 0] });
    expect(released.map((delivery) => delivery.status)).toEqual([200, 200]);
    expect(receivedNames()).toEqual(['c', 'a']);
    expect(pk.dispatch.held.map((delivery) => delivery.envelope.data)).toEqual([{ name: 'b' }]);
    await pk.dispatch.release();
    expect(receivedNames()).toEqual(['c', 'a', 'b']);
  });

  it('keeps holding after a release until told to deliver immediately again', async () => {
    pk.dispatch.hold();
    emitThree();
    await pk.dispatch.release();
    pk.asPluralKit(system.id).request('PATCH', '/systems/@me', { name: 'd' });
    expect(pk.dispatch.held).toHaveLength(1);
    pk.dispatch.deliverImmediately();
    pk.asPluralKit(system.id).request('PATCH', '/systems/@me', { name: 'e' });
    await pk.dispatch.waitForDeliveries(4);
    expect(receivedNames()).toEqual(['a', 'b', 'c', 'e']);
    expect(pk.dispatch.held).toHaveLength(1);
  });

  it('shuffles held envelopes reproducibly by seed', async () => {
    const orderFor = async (seed: number): Promise<unknown[]> => {
      receiver.posts.length = 0;
      pk.dispatch.hold();
      for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) pk.asPluralKit(system.id).request('PATCH', '/systems/@me', { name });
      await pk.dispatch.release({ shuffleSeed: seed });
      return receivedNames();
    };
    const first = await orderFor(7);
    expect(await orderFor(7)).toEqual(first);
    expect([...first].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const orders = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5]) orders.add((await orderFor(seed)).join(''));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('refuses a release position that is not held or is listed twice', async () => {
    pk.dispatch.hold();
    emitThree();
    await expect(pk.dispatch.release({ order: [3] })).rejects.toThrow(/no held delivery at position 3/);
    await expect(pk.dispatch.release({ order: [1, 1] })).rejects.toThrow(/listed twice/);
    expect(pk.dispatch.held).toHaveLength(3);
    expect(receiver.posts).toEqual([]);
  });

  it('drops the next envelope of a type: recorded, never sent; the others go out', async () => {
    pk.dispatch.dropNext({ type: 'CREATE_SWITCH' });
    const side = pk.asPluralKit(system.id);
    side.request('POST', '/systems/@me/switches', { members: [] });
    side.request('PATCH', '/systems/@me', { name: 'kept' });
    side.deleteAllSwitches();
    await pk.dispatch.waitForDeliveries(2);
    expect(pk.dispatch.deliveries.map((delivery) => [delivery.type, delivery.state])).toEqual([
      ['CREATE_SWITCH', 'dropped'],
      ['UPDATE_SYSTEM', 'answered'],
      ['DELETE_ALL_SWITCHES', 'answered'],
    ]);
    expect(receiver.types).toEqual(['UPDATE_SYSTEM', 'DELETE_ALL_SWITCHES']);
  });

  it('drops several envelopes of any type with times', async () => {
    pk.dispatch.dropNext({ times: 2 });
    emitThree();
    await pk.dispatch.waitForDeliveries(1);
    expect(pk.dispatch.deliveries.map((delivery) => delivery.state)).toEqual(['dropped', 'dropped', 'answered']);
    expect(receivedNames()).toEqual(['c']);
  });

  it('delays the next envelope on the dispatch timers, so a later one overtakes it', async () => {
    pk.dispatch.delayNext(5_000);
    emitThree();
    await pk.dispatch.waitForDeliveries(2);
    expect(receivedNames()).toEqual(['b', 'c']);
    expect(pk.dispatch.deliveries[0]?.state).toBe('delayed');
    timers.advance(4_999);
    expect(pk.dispatch.deliveries[0]?.state).toBe('delayed');
    timers.advance(1);
    await pk.dispatch.waitForDeliveries(3);
    expect(receivedNames()).toEqual(['b', 'c', 'a']);
  });

  it('refuses nonsense rules', () => {
    expect(() => pk.dispatch.delayNext(-1)).toThrow(/non-negative/);
    expect(() => pk.dispatch.dropNext({ times: 0 })).toThrow(/times must be positive/);
  });

  it('waits for deliveries of one type, and says what it saw when they do not come', async () => {
    pk.dispatch.hold();
    emitThree();
    await expect(pk.dispatch.waitForDeliveries(1, { type: 'UPDATE_SYSTEM', timeoutMs: 20 })).rejects.toThrow(
      /0 of 1 settled after 20 ms \[\d+ UPDATE_SYSTEM held/,
    );
    const waiting = pk.dispatch.waitForDeliveries(1, { type: 'UPDATE_SYSTEM' });
    await pk.dispatch.release({ order: [0] });
    expect((await waiting).map((delivery) => delivery.envelope.data)).toEqual([{ name: 'a' }]);
  });

  it('reset forgets deliveries, held envelopes, rules and holding, and abandons delayed ones', async () => {
    pk.dispatch.hold();
    emitThree();
    pk.dispatch.deliverImmediately();
    pk.dispatch.delayNext(1_000);
    pk.asPluralKit(system.id).request('PATCH', '/systems/@me', { name: 'late' });
    pk.dispatch.dropNext();
    pk.dispatch.hold();
    expect(timers.pending).toBe(1);
    pk.reset();
    expect(pk.dispatch.deliveries).toEqual([]);
    expect(pk.dispatch.held).toEqual([]);
    expect(timers.pending).toBe(0);
    const again = pk.seedSystem({ webhook_url: receiver.url });
    receiver.token = pk.dispatch.signingToken(again.id);
    pk.asPluralKit(again.id).request('PATCH', '/systems/@me', { name: 'after reset' });
    const [delivery] = await pk.dispatch.waitForDeliveries(1);
    expect(delivery?.state).toBe('answered');
    expect(receivedNames()).toEqual(['after reset']);
  });
});
