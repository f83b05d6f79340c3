/**
 * Renders the demo charts in docs/ from the emulator's demo system plus scripts/demo-stats-seed.json,
 * through the real path: our PluralKit client over HTTP, the history reader, the engine, the charts.
 *   npx tsx scripts/render-demo-chart.ts [--out docs]
 * Deterministic: a fixed "now" and a seeded generator, so the images only change with the code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { frontChartAltText, timelineAltText } from '../src/charts/alt-text.js';
import { buildFrontChart } from '../src/charts/front-chart.js';
import type { ChartMember } from '../src/charts/labels.js';
import { renderScenePng } from '../src/charts/rasterise.js';
import { buildTimelineChart } from '../src/charts/timeline-chart.js';
import { PluralKitClient } from '../src/pluralkit/client.js';
import { computeFrontStats } from '../src/stats/engine.js';
import { readFrontHistory, switchPagesOf } from '../src/stats/history-reader.js';
import { parseStatsRange } from '../src/stats/range.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../test/support/pluralkit-emulator/index.js';

const NOW = new Date('2026-05-31T18:00:00Z');
const HOUR = 3_600_000;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const DemoSeedSchema = z.object({
  systems: z.array(
    z.looseObject({
      id: z.string(),
      members: z.array(z.looseObject({ id: z.string(), name: z.string() })).default([]),
      groups: z.array(z.looseObject({ name: z.string() })).default([]),
      switches: z.array(z.object({ timestamp: z.string(), members: z.array(z.string()) })).default([]),
    }),
  ),
});
const ExtraSeedSchema = z.object({
  system: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string(), color: z.string().nullable(), pronouns: z.string().optional() })),
});

/** The emulator's own demo data (its CLI's seed file), less the per-guild settings a chart does not need; returns each system's token. */
function seedDemo(pk: PluralKitEmulator): Map<string, string> {
  const tokens = new Map<string, string>();
  const seed = DemoSeedSchema.parse(JSON.parse(readFileSync(here('../test/support/pluralkit-emulator/demo-seed.json'), 'utf8')));
  for (const { members, groups, switches, guilds: _guilds, ...system } of seed.systems) {
    const seeded = pk.seedSystem(system as Parameters<PluralKitEmulator['seedSystem']>[0]);
    if (seeded.token) tokens.set(seeded.id, seeded.token);
    for (const member of members) pk.seedMember(seeded.id, member as Parameters<PluralKitEmulator['seedMember']>[1]);
    for (const group of groups) pk.seedGroup(seeded.id, group as Parameters<PluralKitEmulator['seedGroup']>[1]);
    for (const entry of switches) pk.seedSwitch(seeded.id, entry);
  }
  return tokens;
}

/** A month of plausible switching: a few regulars, co-fronting now and then, switch-outs at night. */
function seedMonth(pk: PluralKitEmulator, systemId: string, memberIds: readonly string[]): void {
  let state = 7;
  const random = (): number => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const pick = (): string => memberIds[Math.floor(random() ** 2 * memberIds.length)]!;
  let at = NOW.getTime() - 31 * 24 * HOUR;
  while (at < NOW.getTime() - HOUR) {
    const hourOfDay = new Date(at).getUTCHours();
    const night = hourOfDay >= 23 || hourOfDay < 6;
    const roll = random();
    const members = night && roll < 0.5 ? [] : roll < 0.75 ? [pick()] : [...new Set([pick(), pick()])];
    pk.seedSwitch(systemId, { timestamp: new Date(at), members });
    at += (0.5 + random() * 5) * HOUR;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: here('../docs') } } });
  const extra = ExtraSeedSchema.parse(JSON.parse(readFileSync(here('./demo-stats-seed.json'), 'utf8')));
  const pk = await startPluralKitEmulator({ rateLimits: false });
  const client = new PluralKitClient({ baseUrl: pk.url, userAgent: 'switchboard-demo/1.0' });
  try {
    const token = seedDemo(pk).get(extra.system);
    if (!token) throw new Error(`demo-seed.json has no system ${extra.system}`);
    for (const member of extra.members) pk.seedMember(extra.system, member);
    // The owner's own view, as `/stats front private: True` would read it.
    const auth = { token };
    const system = await client.getSystem('@me', auth);
    const all = await client.getSystemMembers('@me', auth);
    seedMonth(pk, system.id, all.map((member) => member.id));

    const members = new Map<string, ChartMember>(all.map((member) => [member.id, { name: member.name, color: member.color }]));
    const settings = await client.getSystemSettings('@me', auth);
    const timeZone = settings.timezone ?? 'UTC';
    mkdirSync(values.out, { recursive: true });

    for (const [rangeText, file, build, alt] of [
      ['30d', 'front-chart.png', buildFrontChart, frontChartAltText],
      ['7d', 'front-timeline.png', buildTimelineChart, timelineAltText],
    ] as const) {
      const range = parseStatsRange({ range: rangeText }, { now: NOW, timeZone });
      const since = range.start?.getTime() ?? null;
      const history = await readFrontHistory(switchPagesOf(client, '@me', token), { since, now: () => NOW.getTime() });
      const stats = computeFrontStats(history.switches, { start: since, now: NOW.getTime() });
      const title = build === buildFrontChart ? `Front share of ${system.name ?? system.id}, last ${rangeText}` : `Who fronted when in ${system.name ?? system.id}, last ${rangeText}`;
      const input = { stats, members, title, timeZone };
      const png = await renderScenePng(build(input));
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
