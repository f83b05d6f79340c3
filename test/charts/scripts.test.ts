import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { frontChartAltText, timelineAltText } from '../../src/charts/alt-text.js';
import { drawChart } from '../../src/charts/draw-chart.js';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { Rasteriser } from '../../src/charts/rasterise.js';
import type { Scene } from '../../src/charts/scene.js';
import { splitGraphemes } from '../../src/charts/text-fit.js';
import { buildTimelineChart } from '../../src/charts/timeline-chart.js';
import { membersOf, statsOf } from './fixtures.js';
import { decodePng, inkMask, type Pixels } from './raster-pixels.js';

/*
 * Every script a member name may come in is drawn with real glyphs: the scripts asked for, and
 * every name, display name, system and group name in the emulator's demo data (whatever it holds
 * when the test runs). A name no font covers is drawn as the member's ID with a note.
 */

const SCRIPTS: Record<string, string> = {
  'Latin with accents': 'Zoë Élodie Ñuño Łucja Tiếng',
  Greek: 'Ωμέγα Ψλ',
  Cyrillic: 'Квинн Жд',
  Hebrew: 'נועה',
  Arabic: 'ليلى نور',
  Devanagari: 'देवी',
  Japanese: '桜子 ひかり カタ',
  Korean: '김민지 하늘',
  Thai: 'สมศรี น้ำ',
  Bengali: 'অর্পিতা ক্ষমা',
  emoji: '🌸✨🦊🌙👩🏽‍💻🏳️‍⚧️🇯🇵❤️',
};

const DEMO_FILES = ['../support/pluralkit-emulator/demo-seed.json'];

/** Every `name` and `display_name` anywhere in the demo seed files. */
function demoNames(): string[] {
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'name' || key === 'display_name') && typeof inner === 'string') names.add(inner);
        else walk(inner);
      }
    }
  };
  for (const file of DEMO_FILES) walk(JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')));
  return [...names];
}

const rasteriser = new Rasteriser();
const BOX = { x: 0, y: 0, width: 120, height: 60 };

function textScene(text: string): Scene {
  return { width: BOX.width, height: BOX.height, background: '#000000', nodes: [{ kind: 'text', x: 10, y: 30, text, size: 28, weight: 400, fill: '#ffffff', anchor: 'start' }] };
}

const inkOf = (pixels: Pixels) => inkMask(pixels, BOX, [0, 0, 0]);
const count = (mask: boolean[]) => mask.filter(Boolean).length;
const same = (a: boolean[], b: boolean[]) => a.every((value, index) => value === b[index]);

/** What Skia draws for a character our fonts lack, bypassing the painter's `?`: the "missing glyph" box. */
async function missingGlyphBox(): Promise<boolean[]> {
  await rasteriser.png(textScene('a'));
  const canvas = createCanvas(BOX.width, BOX.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#000000';
  context.fillRect(0, 0, BOX.width, BOX.height);
  context.font = '28px "Switchboard Sans"';
  context.fillStyle = '#ffffff';
  context.textBaseline = 'middle';
  context.fillText('\u0378', 10, 30);
  return inkOf(await decodePng(canvas.toBuffer('image/png')));
}

describe('chart scripts', () => {
  const names = [...Object.values(SCRIPTS), ...demoNames()];

  it('covers every character of every script and demo name with a chart font', async () => {
    expect(demoNames().length).toBeGreaterThan(10);
    expect(await rasteriser.undrawable(names)).toEqual([]);
  });

  it('draws each of their graphemes as a real glyph: never the missing-glyph box, never "?"', async () => {
    const box = await missingGlyphBox();
    const question = inkOf(await decodePng(await rasteriser.png(textScene('?'))));
    expect(count(box)).toBeGreaterThan(50);
    const graphemes = new Set(names.flatMap((name) => splitGraphemes(name)).filter((grapheme) => grapheme.trim() !== ''));
    for (const grapheme of graphemes) {
      const ink = inkOf(await decodePng(await rasteriser.png(textScene(grapheme))));
      expect(count(ink), `${grapheme} drew nothing`).toBeGreaterThan(3);
      expect(same(ink, box), `${grapheme} drew as the missing-glyph box`).toBe(false);
      expect(same(ink, question), `${grapheme} drew as "?"`).toBe(false);
    }
  });

  it('draws a name no chart font covers as the member ID with a note, and names it in the alt text', async () => {
    const input = {
      stats: statsOf([[30, 'tamil'], [20, 'ok'], [10, 'amharic']]),
      members: membersOf({ tamil: { name: 'தமிழ் 🌸' }, ok: { name: '김민지' }, amharic: { name: 'ሰላም' } }),
      title: 'Front share',
      timeZone: 'UTC',
    };
    const front = await drawChart(rasteriser, input, buildFrontChart);
    const labels = buildFrontChart(front.input).nodes.flatMap((node) => (node.kind === 'text' ? [node.text] : []));
    expect(labels).toEqual(expect.arrayContaining(['tamil (name not drawn)', '김민지', 'amharic (name not drawn)']));
    expect(labels.join(' ')).not.toContain('தமிழ்');
    expect(front.png.equals(await rasteriser.png(buildFrontChart(front.input)))).toBe(true);
    expect(frontChartAltText(front.input)).toContain('Shown by ID because the chart has no font for their names: tamil is தமிழ் 🌸; amharic is ሰላም.');

    const timeline = await drawChart(rasteriser, input, buildTimelineChart);
    expect(timelineAltText(timeline.input)).toContain('tamil (name not drawn)');
    expect(timelineAltText(timeline.input)).toContain('tamil is தமிழ் 🌸');
    // The caller's members are left as they were.
    expect(input.members.get('tamil')?.nameUndrawable).toBeUndefined();
  });

  it('leaves the members alone when every name can be drawn', async () => {
    const input = { stats: statsOf([[5, 'a']]), members: membersOf({ a: { name: 'Zoë 🌸' } }), title: 't', timeZone: 'UTC' };
    const drawn = await drawChart(rasteriser, input, buildFrontChart);
    expect(drawn.input.members).toBe(input.members);
    expect(frontChartAltText(drawn.input)).not.toContain('Shown by ID');
  });

  it('paints any other text\'s uncovered characters as "?", never as boxes', async () => {
    const uncovered = await rasteriser.png(textScene('Aதz'));
    const marked = await rasteriser.png(textScene('A?z'));
    expect(uncovered.equals(marked)).toBe(true);
  });
});
