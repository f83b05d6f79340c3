import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildFrontChart } from '../src/charts/front-chart.js';
import type { ChartRenderer as ChartRendererClass } from '../src/charts/chart-renderer.js';
import { drawChart } from '../src/charts/draw-chart.js';
import type { FrontChartInput } from '../src/charts/front-chart.js';
import { sceneToSvg } from '../src/charts/svg.js';
import { buildTimelineChart } from '../src/charts/timeline-chart.js';
import { PluralKitClient } from '../src/pluralkit/client.js';
import type { SwitchSummary } from '../src/pluralkit/models.js';
import { computeFrontStats } from '../src/stats/engine.js';
import { FrontHistoryCache } from '../src/stats/history-cache.js';
import { switchPagesOf } from '../src/stats/history-reader.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { startFlags } from '../test/support/bot-process.js';
import { bigHistory, DAY } from './stats-history.js';
import { percentile, rssMb } from './support.js';

const run = promisify(execFile);

/*
 * Front analytics: the engine on one and five years of a busy system under npm start's V8 flags
 * (target ≤ 10 ms for 10,000 switches, linear growth to 50,000), charts as SVG and PNG (target
 * ≤ 100 ms per image), what charts cost the bot's memory (target: RSS within +25 MB of before,
 * whatever the scripts) and the first chart per script (target ≤ 150 ms), and PluralKit requests
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

/** Names in one script each, so each step loads only that script's fonts. */
const SCRIPT_STEPS: ReadonlyArray<[string, (index: number) => string]> = [
  ['Latin', (i) => `Member ${i}`],
  ['Japanese', (i) => `桜子 ${i}`],
  ['emoji (8 kinds, 4 font slices)', (i) => `Alex ${['🌙', '✨', '🦊', '🌸', '👩🏽‍💻', '🏳️‍⚧️', '🍊', '💜'][i % 8]} ${i}`],
  ['Korean', (i) => `김민지 ${i}`],
  ['Thai', (i) => `สมศรี ${i}`],
  ['Bengali', (i) => `অর্পিতা ${i}`],
  ['Hebrew and Arabic', (i) => (i % 2 ? `נועה ${i}` : `ليلى ${i}`)],
];

function skiaLoadedHere(): boolean {
  return Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('@napi-rs'));
}

/**
 * Charts as the bot draws them: through the renderer process of the build (dist/), as in
 * production. RSS is this process's, which stands in for the bot.
 */
async function benchChartRendering(
  frontInput: FrontChartInput,
  switches: SwitchSummary[],
  engineOptions: { start: number; now: number },
): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const { ChartRenderer } = (await import(new URL('../dist/src/charts/chart-renderer.js', import.meta.url).href)) as { ChartRenderer: typeof ChartRendererClass };
  const before = process.memoryUsage().rss;
  const renamed = (name: (index: number) => string) => new Map([...frontInput.members].map(([id, member], index) => [id, { ...member, name: name(index) }]));

  const cold = new ChartRenderer();
  let start = performance.now();
  await drawChart(cold, { ...frontInput, members: renamed(SCRIPT_STEPS[0]![1]) }, buildFrontChart);
  figures['first chart with no renderer process running (starts it), Latin (ms)'] = Math.round(performance.now() - start);
  await cold.close();

  // As a command that calls warmUp(member names) before reading the front history would draw.
  const warmed = new ChartRenderer();
  const emoji = renamed(SCRIPT_STEPS[2]![1]);
  await warmed.warmUp([...emoji.values()].flatMap((member) => (member.name ? [member.name] : [])));
  start = performance.now();
  await drawChart(warmed, { ...frontInput, members: emoji }, buildFrontChart);
  figures['first chart with emoji names after warmUp(names) (ms)'] = Math.round(performance.now() - start);
  await warmed.close();

  const renderer = new ChartRenderer();
  try {
    start = performance.now();
    await renderer.warmUp();
    figures['renderer process start (spawn + Skia; warmUp() overlaps it with the history read) (ms)'] = Math.round(performance.now() - start);
    for (const [script, name] of SCRIPT_STEPS) {
      start = performance.now();
      await drawChart(renderer, { ...frontInput, members: renamed(name) }, buildFrontChart);
      figures[`first chart with ${script} names, renderer started (ms; target <= 150)`] = Math.round(performance.now() - start);
      figures[`bot RSS after the first chart with ${script} names (before: ${mb(before)}; target <= +25 MB)`] = mb(process.memoryUsage().rss);
    }
    const frontScene = buildFrontChart(frontInput);
    const frontPng = await timeIt(20, () => renderer.png(frontScene));
    figures['front chart PNG (warm, through the renderer process): median (ms)'] = median(frontPng);
    figures['front chart PNG size'] = `${Math.round((await renderer.png(frontScene)).length / 1024)} KB`;
    const timelineScene = buildTimelineChart(frontInput);
    const timelinePng = await timeIt(20, () => renderer.png(timelineScene));
    figures['timeline PNG (warm, 10,000 switches): median (ms)'] = median(timelinePng);
    figures['timeline PNG size'] = `${Math.round((await renderer.png(timelineScene)).length / 1024)} KB`;
    const endToEnd = await timeIt(10, async () => drawChart(renderer, { ...frontInput, stats: computeFrontStats(switches, engineOptions) }, buildFrontChart));
    figures['engine + front chart + PNG, end to end: median (ms)'] = median(endToEnd);
    figures['renderer process RSS after every script (not the bot\'s)'] = `${Math.round(rssMb(renderer.processId!))} MB`;
    figures['bot RSS after all the drawing'] = mb(process.memoryUsage().rss);
  } finally {
    await renderer.close();
  }
  figures['bot RSS once the renderer process has gone'] = mb(process.memoryUsage().rss);
  return figures;
}

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

  figures['RSS before the first chart'] = mb(process.memoryUsage().rss);
  Object.assign(figures, await benchChartRendering(frontInput, switches, engineOptions));
  figures['Skia loaded in this (the bot\'s) process'] = String(skiaLoadedHere());

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
