import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { ChartRenderer, type Timers } from '../../src/charts/chart-renderer.js';
import { drawChart } from '../../src/charts/draw-chart.js';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import type { Scene } from '../../src/charts/scene.js';
import { membersOf, statsOf } from './fixtures.js';

/*
 * The renderer process, for real: started on demand, shared while busy, ended when idle, replaced
 * when it hangs or dies. Its timers are driven by hand, so nothing here waits on the clock.
 */

const IDLE_MS = 60_000;
const TIMEOUT_MS = 30_000;

/** Timers fired by the test; each remembers its delay, so the idle one and a request's timeout can be told apart. */
class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();

  setTimeout(callback: () => void, ms: number): number {
    const handle = this.next++;
    this.pending.set(handle, { callback, ms });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  count(ms: number): number {
    return [...this.pending.values()].filter((timer) => timer.ms === ms).length;
  }

  fire(ms: number): void {
    for (const [handle, timer] of [...this.pending]) {
      if (timer.ms !== ms) continue;
      this.pending.delete(handle);
      timer.callback();
    }
  }
}

const input = {
  stats: statsOf([[30, 'a'], [20, 'b']]),
  members: membersOf({ a: { name: 'Zoë 🌸' }, b: { name: '김민지' } }),
  title: 'Front share',
  timeZone: 'UTC',
};

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for the operating system to report the process gone (an event, polled; not a timer under test). */
async function gone(pid: number): Promise<void> {
  for (let i = 0; i < 1000 && isRunning(pid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(isRunning(pid)).toBe(false);
}

const renderers: ChartRenderer[] = [];

function renderer(extra: { onUnexpectedExit?: () => void } = {}): { charts: ChartRenderer; timers: ManualTimers } {
  const timers = new ManualTimers();
  const charts = new ChartRenderer({ idleMs: IDLE_MS, requestTimeoutMs: TIMEOUT_MS, timers, ...extra });
  renderers.push(charts);
  return { charts, timers };
}

afterEach(async () => {
  await Promise.all(renderers.splice(0).map((charts) => charts.close()));
});

describe('ChartRenderer', () => {
  it('paints in a process of its own that sees none of the bot\'s environment, and Skia never loads here', async () => {
    const { charts } = renderer();
    expect(charts.processId).toBeUndefined();
    const { png } = await drawChart(charts, input, buildFrontChart);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(buildFrontChart(input).width);
    const pid = charts.processId!;
    expect(pid).not.toBe(process.pid);
    // Only what Node itself adds for the IPC channel: no token, no key, nothing of ours.
    const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    expect(environment.every((entry) => entry.startsWith('NODE_CHANNEL_'))).toBe(true);
    expect(Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('@napi-rs'))).toBe(false);
  });

  it('serves every chart from one process while busy, then ends it after the idle time; the next chart starts another', async () => {
    const { charts, timers } = renderer();
    const first = drawChart(charts, input, buildFrontChart);
    const second = charts.png(buildFrontChart(input));
    const pid = charts.processId!;
    expect(timers.count(IDLE_MS)).toBe(0);
    await Promise.all([first, second]);
    expect(charts.processId).toBe(pid);
    expect(timers.count(IDLE_MS)).toBe(1);

    // Asked again before the idle time runs out: the same process, and the idle time starts over.
    const third = charts.warmUp(['Zoë']);
    expect(timers.count(IDLE_MS)).toBe(0);
    await third;
    expect(charts.processId).toBe(pid);
    expect(timers.count(IDLE_MS)).toBe(1);

    timers.fire(IDLE_MS);
    expect(charts.processId).toBeUndefined();
    await gone(pid);

    await charts.png(buildFrontChart(input));
    expect(charts.processId).toBeDefined();
    expect(charts.processId).not.toBe(pid);
  });

  it('gives up on a request that is not answered in time, ends that process, and carries on with a new one', async () => {
    const { charts, timers } = renderer();
    await charts.warmUp();
    const pid = charts.processId!;
    const stuck = charts.png(buildFrontChart(input));
    timers.fire(TIMEOUT_MS);
    await expect(stuck).rejects.toThrow(`The chart renderer did not answer within ${TIMEOUT_MS} ms`);
    await gone(pid);
    const { png } = await drawChart(charts, input, buildFrontChart);
    expect(png.length).toBeGreaterThan(1_000);
    expect(charts.processId).not.toBe(pid);
  });

  it('fails the charts in flight when its process dies, says so, and starts afresh', async () => {
    let unexpected = 0;
    const { charts } = renderer({ onUnexpectedExit: () => unexpected++ });
    await charts.warmUp();
    const pid = charts.processId!;
    const drawing = charts.png(buildFrontChart(input));
    process.kill(pid, 'SIGKILL');
    await expect(drawing).rejects.toThrow('The chart renderer stopped (SIGKILL)');
    expect(unexpected).toBe(1);
    expect((await charts.png(buildFrontChart(input))).length).toBeGreaterThan(1_000);
  });

  it('reports a painting error as a failed chart, and keeps serving', async () => {
    const { charts } = renderer();
    const broken = { ...buildFrontChart(input), nodes: undefined } as unknown as Scene;
    await expect(charts.png(broken)).rejects.toThrow('Chart rendering failed: ');
    expect((await charts.png(buildFrontChart(input))).length).toBeGreaterThan(1_000);
  });

  it('ends its process on close and refuses work after', async () => {
    const { charts } = renderer();
    await charts.warmUp();
    const pid = charts.processId!;
    await charts.close();
    expect(isRunning(pid)).toBe(false);
    await expect(charts.png(buildFrontChart(input))).rejects.toThrow('The chart renderer is closed');
  });
});
