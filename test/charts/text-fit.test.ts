import { describe, expect, it } from 'vitest';
import { estimateTextWidth, fitText, splitGraphemes } from '../../src/charts/text-fit.js';

describe('fitText', () => {
  it('leaves text that fits alone', () => {
    expect(fitText('Alice', 200, 14)).toBe('Alice');
  });

  it('cuts long text at whole graphemes with an ellipsis, within the width', () => {
    const cut = fitText('A very long member name that cannot possibly fit', 120, 14);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, 14)).toBeLessThanOrEqual(120);
  });

  it('never splits an emoji sequence', () => {
    const name = '🏳️‍⚧️👩🏽‍💻'.repeat(10);
    const cut = fitText(name, 100, 14);
    const kept = splitGraphemes(cut.slice(0, -1));
    expect(kept.every((grapheme) => grapheme === '🏳️‍⚧️' || grapheme === '👩🏽‍💻')).toBe(true);
  });

  it('counts CJK and emoji wider than Latin letters', () => {
    expect(estimateTextWidth('桜桜桜', 14)).toBeGreaterThan(estimateTextWidth('aaa', 14));
    expect(estimateTextWidth('🌸', 14)).toBeGreaterThan(estimateTextWidth('a', 14));
  });
});
