import { describe, expect, it } from 'vitest';
import { MemoryReturn } from '../../src/core/memory-return.js';
import { ManualClock } from '../support/manual-clock.js';

const MB = 1024 * 1024;

function world(options: { withGc?: boolean } = {}) {
  const clock = new ManualClock(0);
  let collected = 0;
  const told: number[] = [];
  const memory = new MemoryReturn({
    collect: options.withGc === false ? undefined : () => collected++,
    clock,
    minDroppedBytes: 4 * MB,
    settleMs: 2_000,
    minIntervalMs: 60_000,
    onCollected: (bytes) => told.push(bytes),
  });
  return { clock, memory, collected: () => collected, told };
}

/** Lets the collection the clock woke run (it follows the wait's promise). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MemoryReturn', () => {
  it('collects once, a moment after idle sweeps dropped enough; small drops add up', async () => {
    const { clock, memory, collected, told } = world();
    memory.droppedIdle(1 * MB);
    expect(clock.sleeping).toBe(0);
    memory.droppedIdle(3 * MB);
    memory.droppedIdle(2 * MB); // the same collection
    expect(clock.sleeping).toBe(1);
    clock.advance(1_999);
    await settle();
    expect(collected()).toBe(0);
    clock.advance(1);
    await settle();
    expect(collected()).toBe(1);
    expect(memory.collections).toBe(1);
    expect(told).toEqual([6 * MB]);
  });

  it('collects at most once a minute, however much more is dropped', async () => {
    const { clock, memory, collected } = world();
    memory.droppedIdle(10 * MB);
    clock.wakeNext();
    await settle();
    memory.droppedIdle(10 * MB);
    expect(clock.sleeping).toBe(1);
    clock.advance(50_000);
    await settle();
    expect(collected()).toBe(1);
    expect(clock.wakeNext()).toBe(10_000); // 60 s after the first collection (at 2 s)
    await settle();
    expect(collected()).toBe(2);
  });

  it('does nothing without an exposed gc, and nothing after dispose', async () => {
    const without = world({ withGc: false });
    without.memory.droppedIdle(100 * MB);
    expect(without.clock.sleeping).toBe(0);

    const { clock, memory, collected } = world();
    memory.droppedIdle(10 * MB);
    memory.dispose();
    await settle();
    expect(clock.sleeping).toBe(0);
    expect(collected()).toBe(0);
    memory.droppedIdle(10 * MB);
    expect(clock.sleeping).toBe(0);
  });
});
