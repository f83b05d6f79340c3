import { describe, expect, it } from 'vitest';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { Rasteriser } from '../../src/charts/rasterise.js';
import type { Scene } from '../../src/charts/scene.js';
import { colouredPixels, decodePng, inkMask } from './raster-pixels.js';
import { membersOf, statsOf } from './fixtures.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BOX = { x: 0, y: 0, width: 200, height: 60 };

/** One line of white text on black, 200 × 60, its middle at y = 30. */
function textScene(text: string, maxWidth?: number): Scene {
  return {
    width: 200,
    height: 60,
    background: '#000000',
    nodes: [{ kind: 'text', x: 10, y: 30, text, size: 28, weight: 400, fill: '#ffffff', anchor: 'start', ...(maxWidth ? { maxWidth } : {}) }],
  };
}

const rasteriser = new Rasteriser();
const renderScenePng = rasteriser.png.bind(rasteriser);

async function ink(text: string, maxWidth?: number): Promise<boolean[]> {
  return inkMask(await decodePng(await renderScenePng(textScene(text, maxWidth))), BOX, [0, 0, 0]);
}

const count = (mask: boolean[]) => mask.filter(Boolean).length;
const same = (a: boolean[], b: boolean[]) => a.every((value, index) => value === b[index]);

describe('renderScenePng', () => {
  it('writes a PNG of the scene\'s size, or a multiple of it', async () => {
    const scene = buildFrontChart({ stats: statsOf([[5, 'alice'], [2, 'bob']]), members: membersOf({ alice: { name: 'Alice' } }), title: 'Front', timeZone: 'UTC' });
    const png = await renderScenePng(scene);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(scene.width);
    expect(png.readUInt32BE(20)).toBe(scene.height);
    expect(png.length).toBeGreaterThan(2_000);
    expect(png.length).toBeLessThan(100_000);
    const double = await renderScenePng(scene, { scale: 2 });
    expect(double.readUInt32BE(16)).toBe(scene.width * 2);
  });

  it('draws real glyphs for Latin with accents, Greek, Cyrillic and Japanese, not empty boxes', async () => {
    // U+0378 is unassigned: every font draws it as its "missing glyph" box.
    const missing = await ink('\u0378\u0378');
    for (const [a, b] of [
      ['Zoë', 'Zoe'],
      ['Ωμ', 'Ψλ'],
      ['Пр', 'Жд'],
      ['桜子', '花火'],
      ['ひか', 'カタ'],
    ] as const) {
      const first = await ink(a);
      const second = await ink(b);
      expect(count(first), a).toBeGreaterThan(80);
      expect(same(first, second), `${a} and ${b} look alike`).toBe(false);
      expect(same(first, missing), `${a} drew as missing-glyph boxes`).toBe(false);
    }
  });

  it('draws emoji in colour, keeping ZWJ sequences together', async () => {
    const png = await renderScenePng(textScene('🍊'));
    expect(colouredPixels(await decodePng(png), BOX)).toBeGreaterThan(200);
    // One glyph for 👩🏽‍💻, not woman + skin tone + laptop side by side.
    const joined = await ink('👩🏽‍💻');
    const apart = await ink('👩🏽💻');
    const right = (mask: boolean[]) => mask.filter((value, index) => value && index % BOX.width > 55).length;
    expect(right(apart)).toBeGreaterThan(right(joined) + 100);
    expect(await rasteriser.registeredFamilies()).toEqual(expect.arrayContaining(['Switchboard Sans', 'Switchboard Sans JP', 'Switchboard Emoji']));
  });

  it('prepares Skia and the fonts given names need before any chart is asked for', async () => {
    const prepared = new Rasteriser();
    expect(prepared.loaded).toBe(false);
    await prepared.prepare(['김민지']);
    expect(prepared.loaded).toBe(true);
    expect(await prepared.registeredFamilies()).toEqual(['Switchboard Sans', 'Switchboard Sans KR']);
  });

  it('shortens text that is wider than its room once drawn', async () => {
    const mask = await ink('WWWWWWWWWWWWWWWWWWWW', 80);
    const columns = mask.flatMap((value, index) => (value ? [index % BOX.width] : []));
    expect(Math.max(...columns)).toBeLessThanOrEqual(10 + 80);
    expect(Math.min(...columns)).toBeGreaterThanOrEqual(10);
  });
});
