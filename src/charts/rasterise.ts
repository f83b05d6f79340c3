import type * as Canvas from '@napi-rs/canvas';
import { ChartFonts, FONT_FAMILIES } from './fonts.js';
import type { RenderOptions, ScenePainter } from './painter.js';
import type { Scene, TextNode } from './scene.js';
import { sceneTexts } from './scene.js';
import { splitGraphemes } from './text-fit.js';

/*
 * Paints a scene to PNG with Skia (@napi-rs/canvas, whose binaries ship inside npm packages), in
 * the process that calls it. Skia is imported on the first drawing only. The bot does not paint
 * in its own process: its renderer process (render-process.ts) holds one of these.
 */

type CanvasModule = typeof Canvas;
type Context = ReturnType<ReturnType<CanvasModule['createCanvas']>['getContext']>;

interface Skia {
  canvas: CanvasModule;
  fonts: ChartFonts;
}

/** Stands in for a character no chart font has. */
const MISSING = '?';

/** The canvas `prepare` draws on, and its text size (charts draw names at 13–14 px). */
const PREPARE_SIZE = 14;
/** What every chart draws besides names: digits, units, punctuation. */
const PREPARE_SAMPLE = 'Front share 0123456789 % · – : h m d May UTC…';

const FONT_LIST = FONT_FAMILIES.map((family) => `"${family}"`).join(', ');

/** Our families in fallback order; Skia falls back per cluster, so an emoji ZWJ sequence stays one glyph. */
function fontOf(node: TextNode): string {
  const weight = node.weight === 700 ? 'bold ' : '';
  return `${weight}${node.size}px ${FONT_LIST}`;
}

/** The node's text, shortened at whole graphemes with `…` when the real glyphs are wider than its room. */
function fittedText(context: Context, text: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || context.measureText(text).width <= maxWidth) return text;
  const graphemes = splitGraphemes(text);
  for (let keep = graphemes.length - 1; keep > 0; keep--) {
    const candidate = `${graphemes.slice(0, keep).join('').trimEnd()}…`;
    if (context.measureText(candidate).width <= maxWidth) return candidate;
  }
  return '…';
}

const ALIGN = { start: 'left', middle: 'center', end: 'right' } as const;

function paint(context: Context, scene: Scene, drawable: (text: string) => string): void {
  context.fillStyle = scene.background;
  context.fillRect(0, 0, scene.width, scene.height);
  for (const node of scene.nodes) {
    if (node.kind === 'rect') {
      context.beginPath();
      context.roundRect(node.x, node.y, node.width, node.height, node.radius ?? 0);
      context.fillStyle = node.fill;
      context.fill();
      if (node.stroke) {
        context.strokeStyle = node.stroke;
        context.lineWidth = 1;
        context.stroke();
      }
    } else if (node.kind === 'line') {
      context.beginPath();
      context.moveTo(node.x1, node.y1);
      context.lineTo(node.x2, node.y2);
      context.strokeStyle = node.stroke;
      context.lineWidth = node.width;
      context.stroke();
    } else {
      context.font = fontOf(node);
      context.fillStyle = node.fill;
      context.textBaseline = 'middle';
      context.textAlign = ALIGN[node.anchor];
      context.fillText(fittedText(context, drawable(node.text), node.maxWidth), node.x, node.y);
    }
  }
}

/** Paints scenes in this process; one per process, since Skia's font list is per process. */
export class Rasteriser implements ScenePainter {
  private skia: Promise<Skia> | undefined;
  private skiaLoaded = false;

  /** Whether Skia has been loaded by this painter. */
  get loaded(): boolean {
    return this.skiaLoaded;
  }

  /**
   * Loads Skia and the fonts `texts` need, then draws them (and what every chart draws) once,
   * in both weights, where nobody sees, and encodes a PNG: the first drawing with a font sets it
   * up (the colour emoji font takes longest), so a chart asked for afterwards finds it ready.
   */
  async prepare(texts: readonly string[] = []): Promise<void> {
    const { canvas, fonts } = await this.loadSkia();
    const all = [PREPARE_SAMPLE, ...texts];
    fonts.load(all);
    const surface = canvas.createCanvas(PREPARE_SIZE, PREPARE_SIZE);
    const context = surface.getContext('2d');
    for (const weight of ['', 'bold ']) {
      context.font = `${weight}${PREPARE_SIZE}px ${FONT_LIST}`;
      for (const text of all) context.fillText(text, 0, PREPARE_SIZE);
    }
    await surface.encode('png');
  }

  private loadSkia(): Promise<Skia> {
    this.skia ??= import('@napi-rs/canvas').then((canvas) => {
      this.skiaLoaded = true;
      return { canvas, fonts: new ChartFonts(canvas.GlobalFonts) };
    });
    return this.skia;
  }

  async undrawable(texts: readonly string[]): Promise<string[]> {
    const { fonts } = await this.loadSkia();
    return texts.filter((text) => fonts.missing(text).length > 0);
  }

  /** Families registered so far, e.g. for a test to check what a chart cost. */
  async registeredFamilies(): Promise<string[]> {
    return (await this.loadSkia()).fonts.registeredFamilies();
  }

  async png(scene: Scene, options: RenderOptions = {}): Promise<Buffer> {
    const { canvas: skia, fonts } = await this.loadSkia();
    fonts.load(sceneTexts(scene));
    const drawable = (text: string): string => {
      const missing = fonts.missing(text);
      return missing.length === 0 ? text : splitGraphemes(text).map((grapheme) => (missing.includes(grapheme) ? MISSING : grapheme)).join('');
    };
    const scale = options.scale ?? 1;
    const canvas = skia.createCanvas(Math.ceil(scene.width * scale), Math.ceil(scene.height * scale));
    const context = canvas.getContext('2d');
    context.scale(scale, scale);
    paint(context, scene, drawable);
    return canvas.encode('png');
  }
}
