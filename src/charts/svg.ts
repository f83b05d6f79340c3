import { PUBLISHED_FONT_FAMILIES } from './fonts.js';
import type { Scene, SceneNode } from './scene.js';

/** The fonts the PNG renderer draws with (see fonts.ts); viewers without them fall back to sans-serif. */
const FONT_FAMILY = [...PUBLISHED_FONT_FAMILIES.map((family) => `'${family}'`), 'sans-serif'].join(', ');

/** Characters XML 1.0 cannot carry at all (C0 controls except tab, newline, return; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data or an attribute value: escaped, and without what XML cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function number(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const ANCHOR = { start: 'start', middle: 'middle', end: 'end' } as const;

function nodeToSvg(node: SceneNode): string {
  switch (node.kind) {
    case 'rect': {
      const radius = node.radius ? ` rx="${number(node.radius)}"` : '';
      const stroke = node.stroke ? ` stroke="${escapeXml(node.stroke)}" stroke-width="1"` : '';
      return `<rect x="${number(node.x)}" y="${number(node.y)}" width="${number(node.width)}" height="${number(node.height)}"${radius} fill="${escapeXml(node.fill)}"${stroke}/>`;
    }
    case 'line':
      return `<line x1="${number(node.x1)}" y1="${number(node.y1)}" x2="${number(node.x2)}" y2="${number(node.y2)}" stroke="${escapeXml(node.stroke)}" stroke-width="${number(node.width)}"/>`;
    case 'text': {
      const weight = node.weight === 700 ? ' font-weight="700"' : '';
      return `<text x="${number(node.x)}" y="${number(node.y)}" font-size="${number(node.size)}"${weight} fill="${escapeXml(node.fill)}" text-anchor="${ANCHOR[node.anchor]}" dominant-baseline="central">${escapeXml(node.text)}</text>`;
    }
  }
}

/** The scene as a standalone SVG document. */
export function sceneToSvg(scene: Scene): string {
  const body = scene.nodes.map(nodeToSvg).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>`,
    body,
    '</svg>',
  ].join('\n');
}
