/**
 * Renders the demo charts in docs/ from the emulator's demo system (its first system, with the
 * switch history the seed generates), through the real path: our PluralKit client over HTTP, the
 * history reader, the engine, the charts.
 *   npx tsx scripts/render-demo-chart.ts [--out docs]
 * Deterministic: a fixed "now" and the seed's own generator, so the images only change with the code or the seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { frontChartAltText, timelineAltText } from '../src/charts/alt-text.js';
import { buildFrontChart } from '../src/charts/front-chart.js';
import type { ChartMember } from '../src/charts/labels.js';
import { drawChart } from '../src/charts/draw-chart.js';
import { Rasteriser } from '../src/charts/rasterise.js';
import { buildTimelineChart } from '../src/charts/timeline-chart.js';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { computeFrontStats } from '../src/stats/engine.js';
import { readFrontHistory, switchPagesOf } from '../src/stats/history-reader.js';
import { parseStatsRange } from '../src/stats/range.js';
import { startPluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';
import { applySeedFile, loadSeedFile } from '../test/support/pluralkit-emulator/seed-file.js';

const NOW = new Date('2026-05-31T18:00:00Z');
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: here('../docs') } } });
  const pk = await startPluralKitEmulator({ rateLimits: false });
  const client = new PluralKitClient({ baseUrl: pk.url, userAgent: 'switchboard-demo/1.0' });
  try {
    const token = applySeedFile(pk, loadSeedFile(), { now: NOW }).systems[0]?.token;
    if (!token) throw new Error('demo-seed.json has no system with a token');
    // The owner's own view, as `/stats front private: True` would read it.
    const auth = { token };
    const system = await client.getSystem('@me', auth);
    const all = await client.getSystemMembers('@me', auth);

    const members = new Map<string, ChartMember>(all.map((member) => [member.id, { name: member.name, color: member.color }]));
    const settings = await client.getSystemSettings('@me', auth);
    const timeZone = settings.timezone ?? 'UTC';
    mkdirSync(values.out, { recursive: true });
    // A script draws in its own process; the bot draws through its renderer process.
    const painter = new Rasteriser();

    for (const [rangeText, file, build, alt] of [
      ['30d', 'front-chart.png', buildFrontChart, frontChartAltText],
      ['7d', 'front-timeline.png', buildTimelineChart, timelineAltText],
    ] as const) {
      const range = parseStatsRange({ range: rangeText }, { now: NOW, timeZone });
      const since = range.start?.getTime() ?? null;
      const history = await readFrontHistory(switchPagesOf(client, '@me', token), { since, now: () => NOW.getTime() });
      const stats = computeFrontStats(history.switches, { start: since, now: NOW.getTime() });
      const title = build === buildFrontChart ? `Front share of ${system.name ?? system.id}, last ${rangeText}` : `Who fronted when in ${system.name ?? system.id}, last ${rangeText}`;
      const { png, input } = await drawChart(painter, { stats, members, title, timeZone }, build);
      writeFileSync(join(values.out, file), png);
      console.log(`${file}: ${Math.round(png.length / 1024)} KB, ${history.requests} requests, ${history.switches.length} switches read`);
      console.log(`  alt: ${alt(input)}`);
    }
  } finally {
    await client.close();
    await pk.close();
  }
}

await main();
