import { describe, expect, it } from 'vitest';
import { bareForSearch } from '../../src/resolve/search-index.js';

describe('bareForSearch', () => {
  it.each([
    ['Alice 🌸', 'alice'],
    ['Mary-Jane', 'maryjane'],
    ["O'Brien", 'obrien'],
    ['Élodie', 'elodie'],
    ['ZOË', 'zoe'],
    ['Member 12', 'member12'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    // Other scripts keep their letters: the bare form of a real name is never empty.
    ['さくら 🌸', 'さくら'],
    ['カタカナー', 'カタカナー'],
    ['花子', '花子'],
    ['Алиса!', 'алиса'],
    ['אליס ✡', 'אליס'],
    ['שָׁלוֹם', 'שלום'],
    ['ليلى', 'ليلى'],
    // Only emoji or punctuation: nothing bare to match on.
    ['🌸🌸', ''],
    ['👩‍👩‍👧', ''],
    ['...!?', ''],
  ])('%j → %j', (input, bare) => {
    expect(bareForSearch(input)).toBe(bare);
  });

  it('keeps Korean letters (decomposed, the same on both sides)', () => {
    expect(bareForSearch('민지 ✨')).toBe(bareForSearch('민지'));
    expect(bareForSearch('민지').length).toBeGreaterThan(0);
  });
});
