import { describe, expect, it } from 'vitest';
import { escapeXml, sceneToSvg } from '../../src/charts/svg.js';

describe('sceneToSvg', () => {
  it('escapes markup, quotes and ampersands', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('replaces what XML cannot carry (controls, lone surrogates) and keeps emoji pairs', () => {
    expect(escapeXml('a\u0000b\u001bc\ud800d🌸\te')).toBe('a\ufffdb\ufffdc\ufffdd🌸\te');
  });

  it('writes every node kind, with text centred on its y', () => {
    const svg = sceneToSvg({
      width: 100,
      height: 50,
      background: '#000000',
      nodes: [
        { kind: 'rect', x: 1, y: 2.345, width: 3, height: 4, fill: '#ff0000', stroke: '#ffffff', radius: 2 },
        { kind: 'line', x1: 0, y1: 0, x2: 10, y2: 10, stroke: '#00ff00', width: 1 },
        { kind: 'text', x: 5, y: 6, text: 'A & B', size: 12, weight: 700, fill: '#ffffff', anchor: 'end' },
      ],
    });
    expect(svg.split('\n')).toEqual([
      `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50" font-family="&apos;Noto Sans&apos;, &apos;Noto Sans Hebrew&apos;, &apos;Noto Sans Arabic&apos;, &apos;Noto Sans Thai&apos;, &apos;Noto Sans Bengali&apos;, &apos;Noto Sans JP&apos;, &apos;Noto Sans KR&apos;, &apos;Noto Color Emoji&apos;, sans-serif">`,
      '<rect width="100%" height="100%" fill="#000000"/>',
      '<rect x="1" y="2.35" width="3" height="4" rx="2" fill="#ff0000" stroke="#ffffff" stroke-width="1"/>',
      '<line x1="0" y1="0" x2="10" y2="10" stroke="#00ff00" stroke-width="1"/>',
      '<text x="5" y="6" font-size="12" font-weight="700" fill="#ffffff" text-anchor="end" dominant-baseline="central">A &amp; B</text>',
      '</svg>',
    ]);
  });
});
