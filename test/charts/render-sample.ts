/* Renders a fixed chart with every script we ship fonts for and writes the PNG to stdout (see no-system-fonts.test.ts). */
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { Rasteriser } from '../../src/charts/rasterise.js';
import { membersOf, statsOf } from './fixtures.js';

export function sampleScene() {
  return buildFrontChart({
    stats: statsOf([[30, 'a'], [20, 'b'], [10, 'c'], [5, 'd']]),
    members: membersOf({ a: { name: 'Zoë Ωμέγα' }, b: { name: 'Привет 🌸' }, c: { name: '桜子 ひかり' }, d: { name: '👩🏽‍💻 Tiếng Việt' } }),
    title: 'Front share',
    timeZone: 'UTC',
  });
}

if (process.argv[2] === '--stdout') process.stdout.write(await new Rasteriser().png(sampleScene()));
