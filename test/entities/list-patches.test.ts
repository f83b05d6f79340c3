import { describe, expect, it } from 'vitest';
import { withCreated, withDeleted, withMembership, withReplaced } from '../../src/entities/list-patches.js';
import type { Group, Member } from '../../src/pluralkit/models.js';

const member = (uuid: string, name: string) => ({ uuid, id: uuid.slice(0, 5), name }) as unknown as Member;
const group = (uuid: string, members?: string[]) => ({ uuid, id: uuid.slice(0, 5), name: uuid, ...(members ? { members } : {}) }) as unknown as Group;

describe('patching cached lists with a write’s answer', () => {
  it('replaces by UUID without touching the old list; a list without the entity is dropped (null)', () => {
    const list = Object.freeze([member('a', 'Alice'), member('b', 'Bob')]);
    expect(withReplaced(list, member('b', 'Robert'))!.map((entry) => entry.name)).toEqual(['Alice', 'Robert']);
    expect(list[1]!.name).toBe('Bob');
    expect(withReplaced(list, member('c', 'Cleo'))).toBeNull();
  });

  it("keeps a cached group's member UUIDs when the answer carries none", () => {
    expect(withReplaced([group('g', ['a'])], group('g'))![0]!.members).toEqual(['a']);
    expect(withReplaced([group('g', ['a'])], group('g', ['b']))![0]!.members).toEqual(['b']);
  });

  it('a created group starts with no members; a created entity already in the list is not doubled', () => {
    expect(withCreated([group('g', [])], group('h'), 'groups').map((entry) => [entry.uuid, entry.members])).toEqual([['g', []], ['h', []]]);
    expect(withCreated([member('a', 'Alice')], member('a', 'Alice'), 'members')).toHaveLength(1);
    expect(withDeleted([member('a', 'Alice'), member('b', 'Bob')], 'a').map((entry) => entry.name)).toEqual(['Bob']);
  });

  it("membership from the member's side: add, remove and overwrite touch only that member", () => {
    const groups = [group('g1', ['a', 'b']), group('g2', ['b']), group('g3', [])];
    const members = (patched: Group[] | null) => patched!.map((entry) => entry.members);
    expect(members(withMembership(groups, { side: 'members', uuid: 'a', op: 'add', changed: ['g2', 'g1'] }))).toEqual([['a', 'b'], ['b', 'a'], []]);
    expect(members(withMembership(groups, { side: 'members', uuid: 'b', op: 'remove', changed: ['g1'] }))).toEqual([['a'], ['b'], []]);
    expect(members(withMembership(groups, { side: 'members', uuid: 'b', op: 'overwrite', changed: ['g3'] }))).toEqual([['a'], [], ['b']]);
    // Untouched groups stay the very same objects.
    expect(withMembership(groups, { side: 'members', uuid: 'a', op: 'add', changed: ['g2'] })![2]).toBe(groups[2]);
  });

  it("membership from the group's side changes that group only", () => {
    const groups = [group('g1', ['a']), group('g2', ['b'])];
    expect(withMembership(groups, { side: 'groups', uuid: 'g1', op: 'add', changed: ['b', 'a'] })!.map((entry) => entry.members)).toEqual([['a', 'b'], ['b']]);
    expect(withMembership(groups, { side: 'groups', uuid: 'g1', op: 'remove', changed: ['a'] })![0]!.members).toEqual([]);
    expect(withMembership(groups, { side: 'groups', uuid: 'g2', op: 'overwrite', changed: ['c'] })![1]!.members).toEqual(['c']);
  });

  it('drops the list (null) when it cannot be patched for sure', () => {
    expect(withMembership([group('g1')], { side: 'members', uuid: 'a', op: 'add', changed: ['g1'] })).toBeNull();
    expect(withMembership([group('g1', [])], { side: 'groups', uuid: 'g9', op: 'add', changed: ['a'] })).toBeNull();
  });
});
