import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { Rasteriser } from '../../src/charts/rasterise.js';
import { sceneToSvg } from '../../src/charts/svg.js';
import { buildTimelineChart } from '../../src/charts/timeline-chart.js';
import { membersOf, statsOf } from './fixtures.js';

/* Its own file: vitest gives each file a fresh process, so nothing else has drawn yet. */

function skiaInModuleCache(): boolean {
  return Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('@napi-rs'));
}

describe('the PNG renderer', () => {
  it('is not loaded by building charts, only by the first drawing', async () => {
    const input = { stats: statsOf([[5, 'alice']]), members: membersOf({ alice: { name: 'Alice' } }), title: 't', timeZone: 'UTC' };
    const rasteriser = new Rasteriser();
    const scene = buildFrontChart(input);
    sceneToSvg(buildTimelineChart(input));
    expect(rasteriser.loaded).toBe(false);
    expect(skiaInModuleCache()).toBe(false);

    await rasteriser.png(scene);
    expect(rasteriser.loaded).toBe(true);
    expect(skiaInModuleCache()).toBe(true);
  });
});
