import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildFrontChart } from '../src/charts/front-chart.js';
import type { ChartMember } from '../src/charts/labels.js';
import { renderScenePng, rendererLoaded } from '../src/charts/rasterise.js';
import { sceneToSvg } from '../src/charts/svg.js';
import { buildTimelineChart } from '../src/charts/timeline-chart.js';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { computeFrontStats } from '../src/stats/engine.js';
import { FrontHistoryCache } from '../src/stats/history-cache.js';
import { switchPagesOf } from '../src/stats/history-reader.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { startFlags } from '../test/support/bot-process.js';
import { bigHistory, DAY } from './stats-history.js';
import { percentile } from './support.js';

const run = promisify(execFile);

/*
 * Front analytics: the engine on one and five years of a busy system under npm start's V8 flags
 * (target ≤ 10 ms for 10,000 switches, linear growth to 50,000), charts as SVG and PNG (target
 * ≤ 100 ms per image), what the renderer costs in memory once loaded, and PluralKit requests
 * and wall time for a 30-day read of 1,000 switches with rate limits on (minimum 10 requests).
 */

function median(values: number[]): number {
  return percentile(values, 50);
}

async function timeIt(runs: number, work: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

/** bench/stats-engine.ts in a child process with npm start's V8 flags; its figures. */
async function engineUnderStartFlags(): Promise<Record<string, number>> {
  const script = fileURLToPath(new URL('./stats-engine.ts', import.meta.url));
  const { stdout } = await run(process.execPath, [...startFlags(), '--import', 'tsx', script], { maxBuffer: 1_000_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;

export async function benchStats(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const now = Date.now();
  const { switches, members } = bigHistory(now);
  Object.assign(figures, await engineUnderStartFlags());

  const engineOptions = { start: now - 365 * DAY, now };

  const stats = computeFrontStats(switches, engineOptions);
  const frontInput = { stats, members, title: 'Front share of Big System', timeZone: 'Europe/Berlin' };
  const frontSvg = await timeIt(40, () => sceneToSvg(buildFrontChart(frontInput)));
  figures['front chart, layout + SVG: median (ms)'] = median(frontSvg);
  const timelineSvg = await timeIt(20, () => sceneToSvg(buildTimelineChart(frontInput)));
  figures['timeline (10,000 switches), layout + SVG: median (ms)'] = median(timelineSvg);

  global.gc?.();
  const before = process.memoryUsage().rss;
  figures['renderer loaded before the first chart'] = String(rendererLoaded());
  figures['RSS before the renderer is loaded'] = mb(before);
  // Fonts load on first need: Latin first, then Japanese, then emoji, each measured on its own.
  const renamed = (name: (id: string) => string) => new Map([...members].map(([id, member]) => [id, { ...member, name: name(id) }]));
  const steps: Array<[string, Map<string, ChartMember>]> = [
    ['Latin names only (loads Skia + Noto Sans)', renamed((id) => `Member ${id}`)],
    ['Japanese names too (loads Noto Sans JP)', renamed((id) => `桜子 ${id}`)],
    ['emoji too (loads Noto Color Emoji)', members],
  ];
  for (const [what, names] of steps) {
    const start = performance.now();
    await renderScenePng(buildFrontChart({ ...frontInput, members: names }));
    figures[`first PNG, ${what} (ms)`] = Math.round(performance.now() - start);
    figures[`RSS after the first PNG, ${what}`] = mb(process.memoryUsage().rss);
  }
  const frontScene = buildFrontChart(frontInput);
  const frontPng = await timeIt(20, () => renderScenePng(frontScene));
  figures['front chart PNG (warm): median (ms)'] = median(frontPng);
  figures['front chart PNG size'] = `${Math.round((await renderScenePng(frontScene)).length / 1024)} KB`;
  const timelineScene = buildTimelineChart(frontInput);
  const timelinePng = await timeIt(20, () => renderScenePng(timelineScene));
  figures['timeline PNG (warm, 10,000 switches): median (ms)'] = median(timelinePng);
  figures['timeline PNG size'] = `${Math.round((await renderScenePng(timelineScene)).length / 1024)} KB`;
  const endToEnd = await timeIt(10, async () => renderScenePng(buildFrontChart({ ...frontInput, stats: computeFrontStats(switches, engineOptions) })));
  figures['engine + front chart + PNG, end to end: median (ms)'] = median(endToEnd);
  figures['RSS after all the drawing'] = mb(process.memoryUsage().rss);

  const emulator = await startPluralKitEmulator({ rateLimits: true });
  const client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-bench/1.0' });
  try {
    const system = emulator.seedSystem({ name: 'Busy' });
    const ids = Array.from({ length: 20 }, (_, i) => emulator.seedMember(system.id, { name: `Member ${i}` }).id);
    // 1,000 switches in the last 30 days, and a year of older ones before them.
    for (let i = 0; i < 1300; i++) {
      const at = i < 1000 ? now - 60_000 - i * ((30 * DAY - 120_000) / 1000) : now - 30 * DAY - (i - 999) * DAY;
      emulator.seedSwitch(system.id, { timestamp: new Date(at), members: i % 9 === 0 ? [] : [ids[i % ids.length]!] });
    }
    emulator.clearRequests();
    const cache = new FrontHistoryCache();
    const request = { key: `public:${system.id}`, systemId: system.id, publicView: true, since: now - 30 * DAY };
    const start = performance.now();
    const history = await cache.read(request, switchPagesOf(client, system.id));
    figures['30-day read, 1,000 switches, rate limits on: PluralKit requests (minimum 10)'] = emulator.requests.length;
    figures['30-day read, 1,000 switches, rate limits on: wall time (ms)'] = Math.round(performance.now() - start);
    figures['30-day read: switches read'] = history.switches.length;
    emulator.clearRequests();
    await cache.read({ ...request, since: now - 7 * DAY }, switchPagesOf(client, system.id));
    figures['7-day read right after (served by the cache, its newest switch asked again): PluralKit requests'] = emulator.requests.length;
  } finally {
    await client.close();
    await emulator.close();
  }
  return figures;
}
