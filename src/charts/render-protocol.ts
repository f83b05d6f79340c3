import type { RenderOptions } from './painter.js';
import type { Scene } from './scene.js';

/** What the bot asks its renderer process (see chart-renderer.ts and render-process.ts). */
export type RenderQuestion =
  | { kind: 'prepare'; texts: readonly string[] }
  | { kind: 'undrawable'; texts: readonly string[] }
  | { kind: 'png'; scene: Scene; options: RenderOptions };

export type RenderRequest = RenderQuestion & { id: number };

/** The answer to request `id`: its result (a PNG arrives as a Uint8Array), or why it failed. */
export type RenderReply = { id: number; result: null | string[] | Uint8Array } | { id: number; error: string };
