import { describe, expect, it } from 'vitest';
import { resolveEntity, resolveEntityList, suggestionsFor, type NamedEntity } from '../../src/resolve/resolve.js';
import { letterId, manyMembers, member, MEMBERS } from './fixtures.js';

const resolvedId = (input: string, entities: readonly NamedEntity[] = MEMBERS): string | false => {
  const result = resolveEntity(input, entities, 'member');
  return result.ok && result.entity.id;
};

const failure = (input: string, entities: readonly NamedEntity[] = MEMBERS, kind: 'member' | 'group' = 'member') => {
  const result = resolveEntity(input, entities, kind);
  if (result.ok) throw new Error(`${input} resolved to ${result.entity.id}`);
  return result;
};

describe('resolveEntity', () => {
  it.each([
    ['abcdef', 'abcdef'],
    ['ABCDEF', 'abcdef'],
    ['ABC-DEF', 'abcdef'],
    ['abc-def', 'abcdef'],
    ['ghijk', 'ghijk'],
    ['GH-IJK', 'ghijk'],
    [member('abcdef', '').uuid, 'abcdef'],
    [member('abcdef', '').uuid.toUpperCase(), 'abcdef'],
    [member('abcdef', '').uuid.replace(/-/g, ''), 'abcdef'],
    ['alice', 'abcdef'],
    ['ALICE', 'abcdef'],
    ['  Bobby ', 'bcdefg'],
    ['c.', 'cdefgh'],
    ['Bob “Bobby” (bcdefg)', 'bcdefg'],
    ['Whatever it said (ABC-DEF)', 'abcdef'],
    ['zoe', 'ghijk'],
    ['ZOË', 'ghijk'],
    ['**zo**', 'ghijk'],
  ])('finds %j', (input, id) => {
    expect(resolvedId(input)).toBe(id);
  });

  it('prefers an ID over a name that looks like one', () => {
    const list = [member('bcdefg', 'Bob'), member('zzzzzz', 'bcdefg')];
    expect(resolvedId('bcdefg', list)).toBe('bcdefg');
    expect(resolvedId('BCD-EFG', list)).toBe('bcdefg');
  });

  it('prefers an exact name over a display name, and both over an accent-insensitive match', () => {
    const list = [member('aaaaaa', 'Sam'), member('bbbbbb', 'Samantha', 'Sam'), member('cccccc', 'Rene'), member('dddddd', 'René')];
    expect(resolvedId('sam', list)).toBe('aaaaaa');
    expect(resolvedId('rene', list)).toBe('cccccc');
    expect(resolvedId('René', list)).toBe('dddddd');
  });

  it('prefers a name that ends in brackets over reading the brackets as an ID', () => {
    const list = [member('alter', 'Other'), member('bbbbbb', 'Sam (alter)')];
    expect(resolvedId('sam (alter)', list)).toBe('bbbbbb');
    expect(resolvedId('Anything (alter)', list)).toBe('alter');
  });

  it('reports names shared by several entities as ambiguous, naming every candidate', () => {
    const result = failure('TWIN');
    expect(result.reason).toBe('ambiguous');
    expect(result.message).toContain('Twin (efghij)');
    expect(result.message).toContain('twin (fghijk)');
    expect(result.message).toMatch(/Use the ID/);
    expect(result.suggestions.map((m) => m.id).sort()).toEqual(['efghij', 'fghijk']);
  });

  it('reports shared display names as ambiguous too, and counts candidates beyond five', () => {
    const list = Array.from({ length: 7 }, (_, i) => member(letterId(i), `Part ${i}`, 'Host'));
    const result = failure('host', list);
    expect(result.reason).toBe('ambiguous');
    expect(result.suggestions).toHaveLength(7);
    expect(result.message).toContain('and 2 more');
  });

  it('names an unknown entry and suggests close matches by name, display name or ID', () => {
    const typo = failure('Alce');
    expect(typo.reason).toBe('not-found');
    expect(typo.message).toMatch(/^No member called "Alce" in your system\. Did you mean Alice \(abcdef\), /);
    expect(typo.suggestions[0]!.id).toBe('abcdef');
    expect(failure('Bobbie').suggestions.map((m) => m.id)).toEqual(['bcdefg']);
    expect(failure('abcdeg').suggestions.map((m) => m.id)).toContain('abcdef');
  });

  it('suggests at most three, and none when nothing is close', () => {
    const list = ['Mia', 'Mina', 'Mira', 'Mila', 'Miya'].map((name, i) => member(letterId(i), name));
    expect(failure('Miaa', list).suggestions).toHaveLength(3);
    const far = failure('Quetzalcoatl');
    expect(far.suggestions).toEqual([]);
    expect(far.message).toBe('No member called "Quetzalcoatl" in your system.');
  });

  it('speaks of groups when resolving groups', () => {
    expect(failure('Nope', MEMBERS, 'group').message).toMatch(/^No group called "Nope"/);
  });

  it('keeps markdown in names and input from formatting the message, and cuts long input', () => {
    const list = [member('aaaaaa', '_under_'), member('bbbbbb', '_under_')];
    expect(failure('_UNDER_', list).message).toContain('\\_under\\_ (aaaaaa)');
    expect(failure('**bold**').message).toContain('"\\*\\*bold\\*\\*"');
    expect(failure('x'.repeat(500)).message.length).toBeLessThan(120);
  });

  it('treats empty input as not found', () => {
    expect(failure('   ').reason).toBe('not-found');
  });
});

describe('suggestionsFor', () => {
  it('orders by closeness, then by name', () => {
    const list = [member('aaaaaa', 'Robin'), member('bbbbbb', 'Rob'), member('cccccc', 'Bob')];
    expect(suggestionsFor('Bobin', list).map((m) => m.name)).toEqual(['Bob', 'Robin']);
    expect(suggestionsFor('ob', list).map((m) => m.name)).toEqual(['Bob', 'Rob', 'Robin']);
  });

  it('does not count a single shared letter as a resemblance', () => {
    expect(suggestionsFor('x', [member('aaaaaa', 'Alex')])).toEqual([]);
  });
});

describe('resolveEntityList', () => {
  it('resolves in the order given, trimming entries and skipping empty ones', () => {
    const result = resolveEntityList(' bob, Alice ,, c., ', MEMBERS, 'member');
    expect(result.ok && result.entities.map((e) => e.id)).toEqual(['bcdefg', 'abcdef', 'cdefgh']);
  });

  it('reads back the labels autocomplete writes', () => {
    const result = resolveEntityList('Alice, Bob “Bobby” (bcdefg), Zoë “**Zo**” (ghijk)', MEMBERS, 'member');
    expect(result.ok && result.entities.map((e) => e.id)).toEqual(['abcdef', 'bcdefg', 'ghijk']);
  });

  it('reports every unknown and ambiguous entry in one message', () => {
    const result = resolveEntityList('Zed, alice, twin, Yolanda', MEMBERS, 'member');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^No member called "Zed"/);
    expect(lines[1]).toMatch(/^More than one member is called "twin"/);
    expect(lines[2]).toMatch(/^No member called "Yolanda"/);
  });

  it('names a member listed twice, however it was written, once', () => {
    const result = resolveEntityList('alice, Bob, ABC-DEF, Alice', MEMBERS, 'member');
    expect(result).toEqual({ ok: false, message: 'Alice (abcdef) is listed more than once.' });
  });

  it('resolves long lists (151 members; the 150 cap is the switch guard’s job)', () => {
    const members = manyMembers(200);
    const input = members
      .slice(0, 151)
      .map((m) => m.id)
      .join(', ');
    const result = resolveEntityList(input, members, 'member');
    expect(result.ok && result.entities.map((e) => e.id)).toEqual(members.slice(0, 151).map((m) => m.id));
  });

  it('lists the first ten problems and counts the rest', () => {
    const input = Array.from({ length: 25 }, (_, i) => `nobody${i}`).join(',');
    const result = resolveEntityList(input, manyMembers(1000), 'member');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.message.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('…and 15 more problems.');
  });

  it('refuses an empty list', () => {
    expect(resolveEntityList(' , ', MEMBERS, 'member')).toEqual({ ok: false, message: 'Give at least one member, separated by commas.' });
    expect(resolveEntityList('', MEMBERS, 'group')).toEqual({ ok: false, message: 'Give at least one group, separated by commas.' });
  });
});

describe('resolveEntity, loose matches (ignoring emoji, punctuation and accents)', () => {
  const list = [
    member('aaaaaa', 'Alice 🌸'),
    member('bbbbbb', 'Mary-Jane ✨'),
    member('cccccc', 'Élodie', '🌙 Lo 🌙'),
    member('dddddd', 'さくら 🌸'),
    member('eeeeee', 'Алиса!'),
    member('ffffff', 'אליס ✡'),
    member('gggggg', '🌸🌸'),
    member('hhhhhh', 'Dr. Who?'),
    member('iiiiii', 'שָׁלוֹם'),
  ];

  it.each([
    ['Alice', 'aaaaaa'],
    ['ALICE', 'aaaaaa'],
    ['alice!', 'aaaaaa'],
    ['mary jane', 'bbbbbb'],
    ['MaryJane', 'bbbbbb'],
    ['elodie', 'cccccc'],
    ['lo', 'cccccc'],
    ['さくら', 'dddddd'],
    ['алиса', 'eeeeee'],
    ['АЛИСА', 'eeeeee'],
    ['אליס', 'ffffff'],
    ['Dr Who', 'hhhhhh'],
    ['שלום', 'iiiiii'],
    // Exact names still work, emoji and all.
    ['🌸🌸', 'gggggg'],
    ['Alice 🌸', 'aaaaaa'],
  ])('finds %j', (input, id) => {
    expect(resolvedId(input, list)).toBe(id);
  });

  it('never matches on nothing: emoji alone is no loose match, though a name of only emoji is suggested', () => {
    const miss = failure('🌸', list);
    expect(miss.reason).toBe('not-found');
    expect(miss.suggestions.map((m) => m.id)).toEqual(['gggggg']);
    expect(failure('!!!', list).reason).toBe('not-found');
  });

  it('an exact name, display name or ID always wins over a loose match', () => {
    const both = [member('aaaaaa', 'Alice 🌸'), member('bbbbbb', 'Alice'), member('cccccc', 'Sam ☀️'), member('dddddd', 'Samuel', 'Sam'), member('eeeeee', 'abcdef ✨'), member('abcdef', 'Other')];
    expect(resolvedId('alice', both)).toBe('bbbbbb');
    expect(resolvedId('Alice 🌸', both)).toBe('aaaaaa');
    expect(resolvedId('sam', both)).toBe('dddddd');
    expect(resolvedId('abcdef', both)).toBe('abcdef');
  });

  it('a loose match shared by several, by name or display name, is ambiguous and names every candidate', () => {
    const twins = [member('aaaaaa', 'Alice 🌸'), member('bbbbbb', 'Alice ❤️'), member('cccccc', 'Bob', 'alice!')];
    const result = failure('alice', twins);
    expect(result.reason).toBe('ambiguous');
    expect(result.suggestions.map((m) => m.id).sort()).toEqual(['aaaaaa', 'bbbbbb', 'cccccc']);
    expect(result.message).toMatch(/^More than one member is called "alice": .*Use the ID instead\.$/);
    expect(resolvedId('bbbbbb', twins)).toBe('bbbbbb');
  });

  it('a list entry resolves loosely too', () => {
    const result = resolveEntityList('alice, mary jane, さくら', list, 'member');
    expect(result.ok && result.entities.map((e) => e.id)).toEqual(['aaaaaa', 'bbbbbb', 'dddddd']);
  });
});

describe('suggestionsFor ranks on the bare name', () => {
  it('a typo of a name with emoji suggests that name first', () => {
    const list = [member('aaaaaa', 'Élodie'), member('bbbbbb', 'Alice 🌸')];
    expect(suggestionsFor('Alcie', list).map((m) => m.id)).toEqual(['bbbbbb', 'aaaaaa']);
    expect(failure('Alcie', list).message).toMatch(/Did you mean Alice 🌸 \(bbbbbb\), /);
  });

  it('punctuation neither hides a name nor makes another closer', () => {
    const list = [member('aaaaaa', '~*~ Rowan ~*~'), member('bbbbbb', 'Roan')];
    expect(suggestionsFor('Rowen', list).map((m) => m.id)).toEqual(['aaaaaa', 'bbbbbb']);
  });
});
