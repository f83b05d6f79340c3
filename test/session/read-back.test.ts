import { describe, expect, it } from 'vitest';
import { holdsPatch } from '../../src/writes/read-back.js';

describe('holdsPatch: a read-back counts only when PluralKit holds what was sent', () => {
  it('compares every written key, nested privacy included; empty text and cleared fields read back as null', () => {
    const system = { name: 'A', tag: null, privacy: { name_privacy: 'private', banner_privacy: 'public' } };
    expect(holdsPatch(system, { name: 'A', tag: '  ' })).toBe(true);
    expect(holdsPatch(system, { tag: null })).toBe(true);
    expect(holdsPatch(system, { privacy: { name_privacy: 'private' } })).toBe(true);
    expect(holdsPatch(system, { privacy: { banner_privacy: 'private' } })).toBe(false);
    expect(holdsPatch({ templates: ['a'] }, { templates: ['a'] })).toBe(true);
    expect(holdsPatch({ name: 'B' }, { name: 'A' })).toBe(false);
  });

  it('reads proxy tags with empty parts as null, and colours in any case', () => {
    const member = { proxy_tags: [{ prefix: '[', suffix: null }], color: 'ff7000' };
    expect(holdsPatch(member, { proxy_tags: [{ prefix: '[', suffix: '' }] })).toBe(true);
    expect(holdsPatch(member, { proxy_tags: [{ prefix: '{', suffix: null }] })).toBe(false);
    expect(holdsPatch(member, { color: 'FF7000' })).toBe(true);
    expect(holdsPatch(member, { proxy_tags: [] })).toBe(false);
  });

  it('lets a caller decide keys PluralKit reports in another form', () => {
    const unsetFormat = (key: string, wanted: unknown, stored: unknown) => (key === 'name_format' && wanted === null ? stored === '{name} {tag}' : undefined);
    expect(holdsPatch({ name_format: '{name} {tag}' }, { name_format: null }, unsetFormat)).toBe(true);
    expect(holdsPatch({ name_format: '{name}' }, { name_format: null }, unsetFormat)).toBe(false);
  });
});
