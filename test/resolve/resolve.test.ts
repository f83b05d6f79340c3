import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/discord/limits.js';
import { autocompleteChoices } from '../../src/resolve/autocomplete.js';
import { EntityListCache } from '../../src/resolve/member-cache.js';
import { resolveEntity, resolveEntityList, type NamedEntity } from '../../src/resolve/resolve.js';

const member = (id: string, name: string, display_name: string | null = null): NamedEntity => ({
  id,
  uuid: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
  name,
  display_name,
});

const MEMBERS = [
  member('abcdef', 'Alice'),
  member('bcdefg', 'Bob', 'Bobby'),
  member('cdefgh', 'Carol', 'C.'),
  member('defghi', 'alex'),
  member('efghij', 'Twin'),
  member('fghijk', 'twin'),
];

describe('resolveEntity', () => {
  it.each([
    ['abcdef', 'Alice'],
    ['ABC-DEF', 'Alice'],
    ['00000000-0000-4000-8000-000000abcdef'.toUpperCase(), 'Alice'],
    ['alice', 'Alice'],
    ['  Bobby ', 'Bob'],
    ['c.', 'Carol'],
  ])('finds %j', (input, name) => {
    const result = resolveEntity(input, MEMBERS, 'member');
    expect(result.ok && result.entity.name).toBe(name);
  });

  it('prefers an exact name over a display name', () => {
    const list = [member('aaaaaa', 'Sam'), member('bbbbbb', 'Samantha', 'Sam')];
    const result = resolveEntity('sam', list, 'member');
    expect(result.ok && result.entity.id).toBe('aaaaaa');
  });

  it('reports ambiguity, naming the candidates', () => {
    const result = resolveEntity('TWIN', MEMBERS, 'member');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('ambiguous');
      expect(result.message).toContain('Twin (efghij)');
      expect(result.message).toContain('twin (fghijk)');
    }
  });

  it('names an unknown entry and suggests close matches', () => {
    const result = resolveEntity('Alce', MEMBERS, 'member');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('not-found');
      expect(result.message).toContain('"Alce"');
      expect(result.message).toContain('Alice (abcdef)');
    }
  });
});

describe('resolveEntityList', () => {
  it('resolves in order', () => {
    const result = resolveEntityList('bob, Alice ,, c.', MEMBERS, 'member');
    expect(result.ok && result.entities.map((e) => e.id)).toEqual(['bcdefg', 'abcdef', 'cdefgh']);
  });

  it('reports every unknown entry and duplicates at once', () => {
    const result = resolveEntityList('Zed, alice, Alice, Yolanda', MEMBERS, 'member');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('"Zed"');
      expect(result.message).toContain('"Yolanda"');
      expect(result.message).toMatch(/Alice \(abcdef\) is listed more than once/);
    }
  });

  it('refuses an empty list', () => {
    expect(resolveEntityList(' , ', MEMBERS, 'member').ok).toBe(false);
  });
});

describe('autocompleteChoices', () => {
  it('ranks prefix before substring before subsequence, case-insensitively', () => {
    const names = autocompleteChoices('al', MEMBERS, { multi: false }).map((c) => c.name);
    expect(names.slice(0, 2)).toEqual(['alex (defghi)', 'Alice (abcdef)']);
    expect(autocompleteChoices('crl', MEMBERS, { multi: false })[0]!.name).toContain('Carol');
  });

  it('matches display names and IDs', () => {
    expect(autocompleteChoices('bobby', MEMBERS, { multi: false })[0]!.value).toBe('bcdefg');
    expect(autocompleteChoices('cdefgh', MEMBERS, { multi: false })[0]!.value).toBe('cdefgh');
  });

  it('completes the last entry of a list, keeps the earlier ones as IDs and leaves out members already listed', () => {
    const choices = autocompleteChoices('Alice, bo', MEMBERS, { multi: true });
    expect(choices[0]!.value).toBe('abcdef, bcdefg');
    expect(choices.every((c) => !c.value.endsWith('abcdef') || c.value === 'abcdef')).toBe(true);
  });

  it('stays within 25 choices and 100-character names and values', () => {
    const many = Array.from({ length: 1000 }, (_, i) => member(`m${String(i).padStart(5, 'a')}`, `${'Long name '.repeat(15)}${i}`, 'D'.repeat(100)));
    const single = autocompleteChoices('long', many, { multi: false });
    expect(single).toHaveLength(DiscordLimits.autocompleteChoices);
    for (const choice of single) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
      expect(choice.name).toMatch(/\(m\w+\)$/);
    }
    const longPrefix = many.slice(0, 20).map((m) => m.id).join(', ') + ', lo';
    for (const choice of autocompleteChoices(longPrefix, many, { multi: true })) {
      expect(choice.value.length).toBeLessThanOrEqual(100);
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('offers the first members for an empty query', () => {
    expect(autocompleteChoices('', MEMBERS, { multi: false })).toHaveLength(MEMBERS.length);
  });
});

describe('EntityListCache', () => {
  it('loads once for concurrent callers and serves fresh data until the TTL', async () => {
    let now = 0;
    let loads = 0;
    const cache = new EntityListCache<number>({ ttlMs: 1000, now: () => now });
    const loader = async () => {
      loads++;
      return [loads];
    };
    const [a, b] = await Promise.all([cache.get('u1', loader), cache.get('u1', loader)]);
    expect(a).toEqual([1]);
    expect(b).toEqual([1]);
    now = 999;
    expect(await cache.get('u1', loader)).toEqual([1]);
    now = 1000;
    expect(cache.isFresh('u1')).toBe(false);
    expect(cache.peek('u1')).toEqual([1]);
    expect(await cache.get('u1', loader)).toEqual([2]);
  });

  it('keeps keys apart and forgets on invalidate', async () => {
    const cache = new EntityListCache<string>();
    await cache.get('user-a:sys1', async () => ['a']);
    expect(cache.peek('user-b:sys1')).toBeUndefined();
    cache.invalidate('user-a:sys1');
    expect(cache.peek('user-a:sys1')).toBeUndefined();
  });

  it('does not cache a failed load', async () => {
    const cache = new EntityListCache<string>();
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => ['ok'])).toEqual(['ok']);
  });
});
