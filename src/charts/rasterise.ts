import type * as Canvas from '@napi-rs/canvas';
import { ensureFontsFor, FONT_FAMILIES } from './fonts.js';
import type { Scene, TextNode } from './scene.js';
import { sceneTexts } from './scene.js';
import { splitGraphemes } from './text-fit.js';

/*
 * Paints a scene to PNG with Skia (@napi-rs/canvas, whose binaries ship inside npm packages).
 * The module is imported on the first drawing only: the bot starts, and most processes run, without
 * it in memory.
 */

type CanvasModule = typeof Canvas;
type Context = ReturnType<ReturnType<CanvasModule['createCanvas']>['getContext']>;

let canvasModule: Promise<CanvasModule> | undefined;
let loaded = false;

async function loadCanvas(): Promise<CanvasModule> {
  canvasModule ??= import('@napi-rs/canvas').then((module) => {
    loaded = true;
    return module;
  });
  return canvasModule;
}

/** Whether the renderer has been loaded in this process. */
export function rendererLoaded(): boolean {
  return loaded;
}

/** Text font first; Skia falls back per cluster, so an emoji ZWJ sequence stays one glyph. */
function fontOf(node: TextNode): string {
  const weight = node.weight === 700 ? 'bold ' : '';
  return `${weight}${node.size}px "${FONT_FAMILIES.text}", "${FONT_FAMILIES.japanese}", "${FONT_FAMILIES.emoji}"`;
}

/** The node's text, shortened at whole graphemes with `…` when the real glyphs are wider than its room. */
function fittedText(context: Context, node: TextNode): string {
  if (node.maxWidth === undefined || context.measureText(node.text).width <= node.maxWidth) return node.text;
  const graphemes = splitGraphemes(node.text);
  for (let keep = graphemes.length - 1; keep > 0; keep--) {
    const candidate = `${graphemes.slice(0, keep).join('').trimEnd()}…`;
    if (context.measureText(candidate).width <= node.maxWidth) return candidate;
  }
  return '…';
}

const ALIGN = { start: 'left', middle: 'center', end: 'right' } as const;

function paintText(context: Context, node: TextNode): void {
  context.font = fontOf(node);
  context.fillStyle = node.fill;
  context.textBaseline = 'middle';
  context.textAlign = ALIGN[node.anchor];
  context.fillText(fittedText(context, node), node.x, node.y);
}

function paint(context: Context, scene: Scene): void {
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
      paintText(context, node);
    }
  }
}

export interface RenderOptions {
  /** Pixel density: 2 draws an 800-unit-wide chart 1,600 pixels wide. Default 1. */
  scale?: number;
}

/** The scene as a PNG. The first call loads Skia and the fonts the scene's text needs. */
export async function renderScenePng(scene: Scene, options: RenderOptions = {}): Promise<Buffer> {
  const { createCanvas, GlobalFonts } = await loadCanvas();
  ensureFontsFor(GlobalFonts, sceneTexts(scene));
  const scale = options.scale ?? 1;
  const canvas = createCanvas(Math.ceil(scene.width * scale), Math.ceil(scene.height * scale));
  const context = canvas.getContext('2d');
  context.scale(scale, scale);
  paint(context, scene);
  return canvas.encode('png');
}
