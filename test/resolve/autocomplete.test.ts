import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/core/discord-limits.js';
import { TRUNCATION_MARKER } from '../../src/text/truncate.js';
import { autocompleteChoices, buildSearchIndex, type Choice } from '../../src/resolve/autocomplete.js';
import { resolveEntityList } from '../../src/resolve/resolve.js';
import { letterId, manyMembers, member, MEMBERS } from './fixtures.js';

const single = (query: string, entities = MEMBERS): Choice[] => autocompleteChoices(query, entities, { multi: false });
const multi = (query: string, entities = MEMBERS): Choice[] => autocompleteChoices(query, entities, { multi: true });

function expectWithinLimits(choices: Choice[]): void {
  expect(choices.length).toBeLessThanOrEqual(DiscordLimits.autocompleteChoices);
  for (const choice of choices) {
    expect(choice.name.length).toBeGreaterThan(0);
    expect(choice.name.length).toBeLessThanOrEqual(DiscordLimits.autocompleteChoiceName);
    expect(choice.value.length).toBeGreaterThan(0);
    expect(choice.value.length).toBeLessThanOrEqual(DiscordLimits.autocompleteChoiceValue);
    // No half of a surrogate pair left at either end of a cut.
    expect(choice.name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  }
}

describe('autocompleteChoices, one entry', () => {
  it('names choices `Name (id)`, with a differing display name, and uses the ID as the value', () => {
    expect(single('alice')).toEqual([{ name: 'Alice (abcdef)', value: 'abcdef' }]);
    expect(single('bob')[0]).toEqual({ name: 'Bob “Bobby” (bcdefg)', value: 'bcdefg' });
  });

  it('ranks exact > prefix > word prefix > substring > subsequence, ties by name', () => {
    const list = [
      // No match at all: the letters are there, but not in order.
      member('aaaaaa', 'Karen'),
      member('bbbbbb', 'Mika'),
      member('cccccc', 'Kai'),
      member('dddddd', 'Kairo'),
      member('eeeeee', 'Big Kai'),
      member('ffffff', 'Okairu'),
      member('gggggg', 'Kxaxi'),
    ];
    expect(single('kai', list).map((c) => c.value)).toEqual(['cccccc', 'dddddd', 'eeeeee', 'ffffff', 'gggggg']);
  });

  it('is case- and accent-insensitive and finds display names and IDs', () => {
    expect(single('ZOE')[0]!.value).toBe('ghijk');
    expect(single('bobby')[0]!.value).toBe('bcdefg');
    expect(single('cdefgh')[0]!.value).toBe('cdefgh');
    expect(single('CDE-FGH')[0]!.value).toBe('cdefgh');
  });

  it('puts an exact ID above names that merely start with the query', () => {
    const list = [member('annaaa', 'Annabel'), member('annab', 'Zed')];
    expect(single('annab', list).map((c) => c.value)).toEqual(['annab', 'annaaa']);
  });

  it('offers nothing when nothing matches', () => {
    expect(single('qqq')).toEqual([]);
  });

  it('offers the first 25 by name for an empty query', () => {
    const members = manyMembers(100);
    const choices = single('   ', members);
    expect(choices).toHaveLength(25);
    const byName = [...members].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })).slice(0, 25);
    expect(choices.map((c) => c.value)).toEqual(byName.map((m) => m.id));
  });

  it('stays within 25 choices and 100-character names and values for long names', () => {
    const long = manyMembers(1000, { nameLength: 150 });
    const choices = single('member', long);
    expect(choices).toHaveLength(25);
    expectWithinLimits(choices);
    for (const choice of choices) {
      expect(choice.name).toMatch(/… \(m[a-z]{5}\)$/);
    }
  });

  it('drops the display name before cutting the name', () => {
    const name = 'N'.repeat(80);
    const [choice] = single('nnn', [member('aaaaaa', name, 'D'.repeat(30))]);
    expect(choice!.name).toBe(`${name} (aaaaaa)`);
  });

  it('cuts unicode names without splitting a character', () => {
    // The odd leading letter puts a cut at 90 code units in the middle of an emoji.
    const name = `a${'😀'.repeat(60)}`;
    const choices = single('😀', [member('aaaaaa', name)]);
    expectWithinLimits(choices);
    expect(choices[0]!.name.endsWith(`${TRUNCATION_MARKER} (aaaaaa)`)).toBe(true);
  });
});

describe('autocompleteChoices, loose names', () => {
  const list = [member('aaaaaa', 'Malice'), member('bbbbbb', '🌸 Alice'), member('cccccc', 'Alice'), member('dddddd', 'Mary-Jane'), member('eeeeee', '🌸🌸'), member('ffffff', 'Алиса'), member('gggggg', 'さくら ✿')];

  it('ranks the exact name first; a name that is the query once emoji are ignored counts as a prefix, above a substring', () => {
    expect(single('alice', list).map((c) => c.value)).toEqual(['cccccc', 'bbbbbb', 'aaaaaa']);
    expect(single('alice', [...list, member('hhhhhh', 'Alicette')]).map((c) => c.value)).toEqual(['cccccc', 'bbbbbb', 'hhhhhh', 'aaaaaa']);
  });

  it('finds names across punctuation and in any script', () => {
    expect(single('mary jane', list)[0]!.value).toBe('dddddd');
    expect(single('maryjane', list)[0]!.value).toBe('dddddd');
    expect(single('АЛИ', list)[0]!.value).toBe('ffffff');
    expect(single('さく', list)[0]!.value).toBe('gggggg');
  });

  it('finds names of only emoji by their emoji', () => {
    expect(single('🌸', list).map((c) => c.value)).toEqual(['bbbbbb', 'eeeeee']);
    expect(single('🌸🌸', list).map((c) => c.value)).toEqual(['eeeeee']);
  });
});

describe('autocompleteChoices, empty entry', () => {
  const members = manyMembers(40);
  const id = (i: number) => letterId(i);

  it('offers the IDs given first, in their order (unknown ones skipped, each once), then the rest by name', () => {
    const choices = single('', members);
    const first = [id(30), 'zzzzzz', id(7), id(30), id(12).toUpperCase()];
    const ordered = autocompleteChoices('  ', members, { multi: false, firstWhenEmpty: () => first }).map((c) => c.value);
    expect(ordered.slice(0, 3)).toEqual([id(30), id(7), id(12)]);
    expect(ordered.slice(3)).toEqual(choices.map((c) => c.value).filter((value) => ![id(30), id(7), id(12)].includes(value)).slice(0, 22));
    expect(ordered).toHaveLength(25);
  });

  it('answers by name when the first IDs are not known yet', () => {
    expect(autocompleteChoices('', members, { multi: false, firstWhenEmpty: () => undefined })).toEqual(single('', members));
  });

  it('asks for the first IDs only when the entry being typed is empty', () => {
    let asked = 0;
    const firstWhenEmpty = () => {
      asked++;
      return [id(5)];
    };
    autocompleteChoices('member 1', members, { multi: false, firstWhenEmpty });
    autocompleteChoices(`${id(1)}, mem`, members, { multi: true, firstWhenEmpty });
    expect(asked).toBe(0);
    const several = autocompleteChoices(`${id(5)}, ${id(9)}, `, members, { multi: true, firstWhenEmpty: () => [id(5), id(9), id(3)] });
    expect(several[0]!.value).toBe(`${id(5)}, ${id(9)}, ${id(3)}`);
    expect(several.map((c) => c.value.split(', ').at(-1))).not.toContain(id(5));
  });
});

describe('autocompleteChoices, several entries', () => {
  it('completes the entry after the last comma and keeps the earlier ones, as IDs in the value', () => {
    const choices = multi('Alice, bo');
    expect(choices[0]).toEqual({ name: 'Alice, Bob “Bobby” (bcdefg)', value: 'abcdef, bcdefg' });
  });

  it('does not offer members already listed', () => {
    const choices = multi('alice, carol, ');
    const values = choices.map((c) => c.value.split(', ').at(-1));
    expect(values).not.toContain('abcdef');
    expect(values).not.toContain('cdefgh');
    expect(values).toContain('bcdefg');
    expect(choices.every((c) => c.value.startsWith('abcdef, cdefgh, '))).toBe(true);
  });

  it('keeps entries it cannot resolve verbatim, and shows IDs for names that would not read back', () => {
    const choices = multi('nobody, twin (efghij), Bo');
    // "Twin" alone is ambiguous (there is also "twin"), so the ID stands in for it.
    expect(choices[0]).toEqual({ name: 'nobody, efghij, Bob “Bobby” (bcdefg)', value: 'nobody, efghij, bcdefg' });
  });

  it('writes choices whose names and values both resolve back to the same list', () => {
    for (const choice of multi('ZOE, alex, C', MEMBERS)) {
      const fromName = resolveEntityList(choice.name, MEMBERS, 'member');
      const fromValue = resolveEntityList(choice.value, MEMBERS, 'member');
      expect(fromName.ok && fromName.entities.map((m) => m.id)).toEqual(fromValue.ok && fromValue.entities.map((m) => m.id));
      expect(fromValue.ok && fromValue.entities.length).toBe(3);
    }
  });

  it('never exceeds 100 characters: drops the spaces when needed, then offers nothing', () => {
    const members = manyMembers(1000, { nameLength: 90 });
    const ids = members.map((m) => m.id);
    // 12 IDs: "id, " * 12 + id = 6*13 + 2*12 = 102 > 100, compact = 6*13 + 12 = 90.
    const twelve = multi(`${ids.slice(0, 12).join(', ')}, member`, members);
    expect(twelve.length).toBeGreaterThan(0);
    expectWithinLimits(twelve);
    expect(twelve[0]!.value).toBe([...ids.slice(0, 12), twelve[0]!.value.split(',').at(-1)].join(','));
    expect(twelve[0]!.name.startsWith(TRUNCATION_MARKER)).toBe(true);
    expect(twelve[0]!.name).toMatch(/\(m[a-z]{5}\)$/);
    // 15 IDs cannot fit even without spaces: 6*16 + 15 = 111.
    expect(multi(`${ids.slice(0, 15).join(',')}, member`, members)).toEqual([]);
  });

  it('behaves like a single entry when nothing comes before it', () => {
    expect(multi('bo')).toEqual(single('bo'));
    expect(multi(', bo')).toEqual(single('bo'));
  });
});

describe('buildSearchIndex', () => {
  it('builds once per list and again for a different list', () => {
    const members = manyMembers(10);
    expect(buildSearchIndex(members)).toBe(buildSearchIndex(members));
    expect(buildSearchIndex([...members])).not.toBe(buildSearchIndex(members));
  });

  it('notices a list that grew after indexing', () => {
    const members = manyMembers(3);
    expect(single('newcomer', members)).toEqual([]);
    members.push(member(letterId(99), 'Newcomer'));
    expect(single('newcomer', members).map((c) => c.name)).toEqual(['Newcomer (maaadv)']);
  });
});
