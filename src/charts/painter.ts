import type { Scene } from './scene.js';

export interface RenderOptions {
  /** Pixel density: 2 draws an 800-unit-wide chart 1,600 pixels wide. Default 1. */
  scale?: number;
}

/**
 * What draws scenes to PNG. The bot's painter is the renderer process (`ChartRenderer`), so Skia
 * and its fonts never live in the bot; scripts and tests may paint in their own process
 * (`Rasteriser`). Both answer the same questions the same way.
 */
export interface ScenePainter {
  /** Of `texts`, those with a character no chart font draws (they would come out as boxes). */
  undrawable(texts: readonly string[]): Promise<string[]>;
  /** The scene as a PNG; a character no font draws is painted as `?`, never as a box. */
  png(scene: Scene, options?: RenderOptions): Promise<Buffer>;
}
