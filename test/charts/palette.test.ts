import { describe, expect, it } from 'vitest';
import { contrastRatio, FALLBACK_PALETTE, memberPaint, normaliseHex, THEME } from '../../src/charts/palette.js';

describe('chart colours', () => {
  it('keeps every fallback colour at 3:1 or more against the background', () => {
    for (const color of FALLBACK_PALETTE) expect(contrastRatio(color, THEME.background), color).toBeGreaterThanOrEqual(3);
  });

  it('keeps the text colours readable on the background (4.5:1) and grey rows visible (3:1)', () => {
    expect(contrastRatio(THEME.text, THEME.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(THEME.mutedText, THEME.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(THEME.noFronter, THEME.background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(THEME.others, THEME.background)).toBeGreaterThanOrEqual(3);
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('gives a member without a colour the same fallback every time, and spreads members over the palette', () => {
    expect(memberPaint('abcde', null)).toEqual(memberPaint('abcde', undefined));
    const used = new Set(Array.from({ length: 60 }, (_, i) => memberPaint(`m${i}`, null).fill));
    expect(used.size).toBeGreaterThanOrEqual(10);
  });

  it('keeps a member\'s own colour, outlining it when it would vanish into the background', () => {
    expect(memberPaint('abcde', 'FF7000')).toEqual({ fill: '#ff7000' });
    expect(memberPaint('abcde', '#101010')).toEqual({ fill: '#101010', stroke: THEME.outline });
    expect(contrastRatio(THEME.outline, THEME.background)).toBeGreaterThanOrEqual(3);
  });

  it('ignores a colour that is not 6-hex', () => {
    expect(normaliseHex('fff')).toBeNull();
    expect(normaliseHex('zzzzzz')).toBeNull();
    expect(memberPaint('abcde', 'red').fill).toMatch(/^#[0-9a-f]{6}$/);
  });
});
