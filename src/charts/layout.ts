import { THEME } from './palette.js';
import type { Scene, SceneNode } from './scene.js';
import { fitText } from './text-fit.js';

/** Both charts share a width (Discord shows attachments up to about 550 px wide; 800 keeps text crisp when scaled). */
export const CHART_WIDTH = 800;
export const CHART_PAD = 24;

const TEXT_ROOM = CHART_WIDTH - 2 * CHART_PAD;

/** Title and the line under it (period, switches, mode), shortened to fit. */
export function chartHeading(title: string, subtitle: string): SceneNode[] {
  return [
    { kind: 'text', x: CHART_PAD, y: 30, text: fitText(title, TEXT_ROOM, 20, 700), size: 20, weight: 700, fill: THEME.text, anchor: 'start', maxWidth: TEXT_ROOM },
    { kind: 'text', x: CHART_PAD, y: 58, text: fitText(subtitle, TEXT_ROOM, 13), size: 13, weight: 400, fill: THEME.mutedText, anchor: 'start', maxWidth: TEXT_ROOM },
  ];
}

/** A chart for a range nothing covers: the title and a line saying so. */
export function emptyChart(title: string): Scene {
  return { width: CHART_WIDTH, height: 120, background: THEME.background, nodes: chartHeading(title, 'No front history in this range.') };
}

/** What a chart shows one by one, and the rest it folds into one "others" row: everything when it fits, else the top `max - 1`. */
export function splitTop<T>(rows: readonly T[], max: number): { shown: readonly T[]; rest: readonly T[] } {
  if (rows.length <= max) return { shown: rows, rest: [] };
  const keep = Math.max(1, max - 1);
  return { shown: rows.slice(0, keep), rest: rows.slice(keep) };
}
