import { performance } from 'node:perf_hooks';
import type { computeFrontStats as computeFrontStatsFromSource } from '../src/stats/engine.js';
import { bigHistory, DAY, SWITCHES_PER_YEAR } from './stats-history.js';
import { percentile } from './support.js';

/*
 * The stats engine alone, run by bench/stats.ts in a child process under npm start's V8 flags
 * (a 2 MB young generation makes garbage the main cost), on one and five years of a busy system.
 * It times the engine as built by `npm run build` (what `npm start` runs): tsx's own output of
 * the same source names every function at run time, which V8 optimises differently.
 * Prints its figures as one JSON line.
 */

const built = new URL('../dist/src/stats/engine.js', import.meta.url).href;
const { computeFrontStats } = (await import(built)) as { computeFrontStats: typeof computeFrontStatsFromSource };

function timeRuns(runs: number, work: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times;
}

const figures: Record<string, number> = {};
const now = Date.now();
for (const years of [1, 5]) {
  const count = years * SWITCHES_PER_YEAR;
  const { switches } = bigHistory(now, count);
  const options = { start: now - years * 365 * DAY, now };
  const label = `engine under the npm start flags, ${count.toLocaleString('en')} switches / 300 members, ${years} year${years === 1 ? '' : 's'}`;
  timeRuns(5, () => computeFrontStats(switches, options));
  const times = timeRuns(40, () => computeFrontStats(switches, options));
  figures[`${label}: median (ms)`] = percentile(times, 50);
  figures[`${label}: p99 (ms)`] = percentile(times, 99);
  if (years === 1) {
    const flat = timeRuns(20, () => computeFrontStats(switches, { ...options, flat: true, frontersOnly: true }));
    figures['engine under the npm start flags, 10,000 switches, flat + fronters_only: median (ms)'] = percentile(flat, 50);
  }
}
const one = figures['engine under the npm start flags, 10,000 switches / 300 members, 1 year: median (ms)']!;
const five = figures['engine under the npm start flags, 50,000 switches / 300 members, 5 years: median (ms)']!;
figures['engine growth from 10,000 to 50,000 switches (5× the switches; linear = 5×)'] = Math.round((five / one) * 10) / 10;
console.log(JSON.stringify(figures));
