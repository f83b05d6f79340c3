/*
 * A chart as plain data: positioned shapes and text, in pixels, y growing downwards. Layout code
 * builds a Scene; `sceneToSvg` writes it as SVG text (what tests read) and a ScenePainter (`Rasteriser`, or the renderer process) paints
 * the same scene with Skia. Text is placed by its vertical middle, so both backends agree on it.
 */

export interface RectNode {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  /** A 1 px outline, e.g. so a member colour close to the background still shows. */
  stroke?: string;
  radius?: number;
}

export interface LineNode {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  width: number;
}

export interface TextNode {
  kind: 'text';
  x: number;
  /** Vertical middle of the text. */
  y: number;
  text: string;
  size: number;
  weight: 400 | 700;
  fill: string;
  anchor: 'start' | 'middle' | 'end';
  /** Room the text has; layout already shortened it by estimate, the painter checks with real glyphs. */
  maxWidth?: number;
}

export type SceneNode = RectNode | LineNode | TextNode;

export interface Scene {
  width: number;
  height: number;
  background: string;
  nodes: SceneNode[];
}

/** Every text of a scene, e.g. to know which fonts it needs. */
export function sceneTexts(scene: Scene): string[] {
  return scene.nodes.flatMap((node) => (node.kind === 'text' ? [node.text] : []));
}
