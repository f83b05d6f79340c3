import { describe, expect, it } from 'vitest';
import { resolveEntityList } from '../../src/resolve/resolve.js';
import type { NamedEntity } from '../../src/resolve/search-index.js';
import {
  newSuggestionWork,
  SUGGESTION_CELL_BUDGET,
  SUGGESTION_EXAMINE_BUDGET,
  suggestionsFor,
  suggestionText,
} from '../../src/resolve/suggestions.js';
import { fullDistance, letterId, manyMembers, member } from './fixtures.js';

/** The unbounded "did you mean" this replaces: every name, full distance table. The yardstick for equal answers. */
function referenceSuggestions<T extends NamedEntity>(input: string, entities: readonly T[], limit = 3): T[] {
  const closeness = (needle: string, candidate: string): number => {
    if (candidate === '') return Infinity;
    if ((needle.length >= 2 && candidate.includes(needle)) || (candidate.length >= 3 && needle.includes(candidate))) return 0;
    const a = needle.slice(0, 64);
    const b = candidate.slice(0, 64);
    return fullDistance(a, b) / Math.max(a.length, b.length);
  };
  const needle = suggestionText(input);
  if (needle === '') return [];
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return [...entities]
    .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entity, rank) => ({
      entity,
      rank,
      score: Math.min(
        closeness(needle, suggestionText(entity.name)),
        closeness(needle, entity.display_name ? suggestionText(entity.display_name) : ''),
        closeness(needle, entity.id.toLowerCase()),
      ),
    }))
    .filter(({ score }) => score <= 0.5)
    .sort((a, b) => a.score - b.score || a.rank - b.rank)
    .slice(0, limit)
    .map(({ entity }) => entity);
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One random edit per four characters: the typos people make. */
function typo(text: string, random: () => number): string {
  let out = text;
  for (let edits = Math.max(1, Math.floor(text.length / 4)); edits > 0; edits--) {
    const at = Math.floor(random() * out.length);
    const kind = Math.floor(random() * 3);
    const letter = String.fromCharCode(97 + Math.floor(random() * 26));
    out = kind === 0 ? out.slice(0, at) + out.slice(at + 1) : kind === 1 ? out.slice(0, at) + letter + out.slice(at) : out.slice(0, at) + letter + out.slice(at + 1);
  }
  return out;
}

const NAMES = ['Alice', 'Bob', 'Carol', 'Dana', 'Élodie', 'Zoë', 'Rowan', 'Sasha', 'Quinn', 'Kai', 'Noor', 'Mika', 'Robin', 'Yuki', 'Ari', 'Jamie'];

function variedMembers(count: number): NamedEntity[] {
  return Array.from({ length: count }, (_, i) => member(letterId(i), `${NAMES[i % NAMES.length]} ${['the Quiet', 'Star', 'Fox', 'Moth', ''][i % 5]}${i}`.trim(), i % 3 ? `${NAMES[(i * 7) % NAMES.length]}` : null));
}

describe('suggestionsFor keeps the answers of the unbounded search', () => {
  it.each([
    ['varied names, 1,000 members', variedMembers(1000)],
    ['"Member n" names, 2,000 members', manyMembers(2000)],
  ])('on typos of names, display names and IDs (%s), within budget', (_label, members) => {
    const random = seeded(members.length);
    for (let n = 0; n < 60; n++) {
      const target = members[Math.floor(random() * members.length)]!;
      const source = [target.name, target.display_name ?? target.name, target.id][n % 3]!;
      const input = n % 4 === 3 ? source.toUpperCase() : typo(source, random);
      const work = newSuggestionWork();
      expect(suggestionsFor(input, members, 3, work).map((m) => m.id), input).toEqual(referenceSuggestions(input, members).map((m) => m.id));
      expect(work.exhausted, input).toBe(false);
    }
  });

  it('finds "Member 4999" for "Membr 4999" among 5,000 look-alike names without running out of budget', () => {
    const members = manyMembers(5000);
    const work = newSuggestionWork();
    const found = suggestionsFor('Membr 4999', members, 3, work);
    expect(found[0]!.name).toBe('Member 4999');
    expect(found.map((m) => m.id)).toEqual(referenceSuggestions('Membr 4999', members).map((m) => m.id));
    expect(work.exhausted).toBe(false);
  });

  it('puts a typo of a long name first among 1,000 long look-alike names, within one budget', () => {
    // Proving that no third name lies within 0.5 here would take millions of cells; the budget stops
    // that, but the likeliest names are measured first, so the one meant still comes first.
    const random = seeded(99);
    const words = ['river', 'stone', 'lantern', 'quiet', 'morning', 'ember', 'willow', 'harbor', 'velvet', 'thistle', 'copper', 'meadow', 'raven', 'saffron'];
    const phrase = () => Array.from({ length: 8 }, () => words[Math.floor(random() * words.length)]).join(' ');
    const members = Array.from({ length: 1000 }, (_, i) => member(letterId(i), phrase(), phrase()));
    for (const target of [members[990]!, members[500]!, members[7]!]) {
      const input = typo(target.display_name!.slice(0, 60), random);
      const work = newSuggestionWork();
      const found = suggestionsFor(input, members, 3, work);
      expect(found[0]?.id, input).toBe(referenceSuggestions(input, members)[0]!.id);
      expect(found[0]!.id).toBe(target.id);
      expect(work.cells).toBeLessThanOrEqual(SUGGESTION_CELL_BUDGET + 64 * 129);
    }
  });

  it('ignores accents both ways', () => {
    const members = [member('aaaaaa', 'Élodie'), member('bbbbbb', 'Zoe', 'Zoë the Bright')];
    expect(suggestionsFor('elodi', members).map((m) => m.id)).toEqual(['aaaaaa']);
    expect(suggestionsFor('zoë brigt', members).map((m) => m.id)).toEqual(['bbbbbb']);
  });
});

describe('suggestionsFor bounds its work', () => {
  const random64 = (random: () => number) => Array.from({ length: 64 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  /** 64-letter random names and display names: they pass every cheap filter, the costliest list there is. */
  function adversarialMembers(count: number): NamedEntity[] {
    const random = seeded(count);
    return Array.from({ length: count }, (_, i) => member(letterId(i), random64(random), random64(random)));
  }

  it('stops once three containments are found: nothing later in name order can beat them', () => {
    const members = manyMembers(5000);
    const work = newSuggestionWork();
    expect(suggestionsFor('member', members, 3, work)).toHaveLength(3);
    expect(work.examined).toBe(3);
    expect(work.distances).toBe(0);
  });

  it('spends at most one budget on a 64-letter unknown name against 5,000 64-letter names', () => {
    const members = adversarialMembers(5000);
    const work = newSuggestionWork();
    suggestionsFor(random64(seeded(1)), members, 3, work);
    // The distance under way when the budget is reached (at most 64 × 129 cells) finishes.
    expect(work.cells).toBeLessThanOrEqual(SUGGESTION_CELL_BUDGET + 64 * 129);
    expect(work.exhausted).toBe(true);
  });

  it('spends at most one budget on a whole list of ninety such names, however long the list is', () => {
    const members = adversarialMembers(5000);
    const random = seeded(2);
    const input = Array.from({ length: 90 }, () => random64(random)).join(', ');
    const work = newSuggestionWork();
    const result = resolveEntityList(input, members, 'member', { work });
    expect(result.ok).toBe(false);
    expect(work.cells).toBeLessThanOrEqual(SUGGESTION_CELL_BUDGET + 64 * 129);
    expect(work.examined).toBeLessThanOrEqual(SUGGESTION_EXAMINE_BUDGET);
  });

  it('looks at each entity at most once per unknown entry, and explains at most ten entries', () => {
    const members = manyMembers(1000);
    const input = Array.from({ length: 40 }, (_, i) => `qqq${i}zzz`).join(',');
    const work = newSuggestionWork();
    resolveEntityList(input, members, 'member', { work });
    expect(work.examined).toBeLessThanOrEqual(10 * members.length);
  });
});
