import { performance } from 'node:perf_hooks';
import { zoneChoices } from '../src/time/zones.js';
import { percentile } from './support.js';

/*
 * Time zone autocomplete (/system settings timezone): the first keystroke
 * (loading the generated zone table and reading the zones it shows), then the
 * cost of a keystroke, and what it holds in memory. Target for a keystroke:
 * p99 ≤ 5 ms, like member autocomplete.
 */

const CALLS = 5000;
const TARGET_P99_MS = 5;
const QUERIES = ['', 'n', 'new', 'new york', 'sao paulo', 'São', 'europe/', 'europe/be', 'CET', 'pst', 'JST', 'aest', 'ist', 'utc', 'UTC+5', '+5:30', '-3', 'kyiv', 'x', 'qqqq'];

export async function benchTimeZones(): Promise<Record<string, number | string>> {
  const now = new Date();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  zoneChoices('new', now);
  const firstMs = performance.now() - started;
  for (const query of QUERIES) zoneChoices(query, now);
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 1048576;

  const samples: number[] = [];
  const offsetSamples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const query = QUERIES[i % QUERIES.length]!;
    const begin = performance.now();
    // The real clock, as keystrokes see it: readings are reused only within a minute.
    zoneChoices(query, new Date());
    const elapsed = performance.now() - begin;
    samples.push(elapsed);
    if (/^(utc)?[+-]/i.test(query)) offsetSamples.push(elapsed);
  }
  const p99 = percentile(samples, 99);
  return {
    'first keystroke (ms)': Math.round(firstMs * 10) / 10,
    'RSS growth after every kind of query (MB)': Math.round(rssGrowth * 10) / 10,
    calls: CALLS,
    'distinct queries': QUERIES.length,
    'median (ms)': percentile(samples, 50),
    'p99 (ms)': p99,
    'max (ms)': percentile(samples, 100),
    'offset queries (every zone read): median / p99 (ms)': `${percentile(offsetSamples, 50)} / ${percentile(offsetSamples, 99)}`,
    [`target p99 ≤ ${TARGET_P99_MS} ms`]: p99 <= TARGET_P99_MS ? 'met' : 'MISSED',
  };
}
