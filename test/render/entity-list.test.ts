import { describe, expect, it } from 'vitest';
import { MEMBER_SORTS, searchList, sortList } from '../../src/entities/list.js';
import { listLine, renderEntityList, type EntityListPage } from '../../src/render/entity-list.js';
import { renderMembershipChange } from '../../src/render/membership.js';
import { renderPrivacyOverview } from '../../src/render/privacy.js';
import { expectWithinDiscordLimits, longProxyTag, ownerMember, publicMember } from './fixtures.js';

const page = (overrides: Partial<EntityListPage> = {}): EntityListPage => ({
  heading: 'Members of your system',
  lines: [],
  page: 0,
  pageCount: 1,
  total: 0,
  noun: 'member',
  sortLabel: 'name',
  view: 'public',
  ...overrides,
});

describe('member and group list pages', () => {
  it("write PluralKit's short line: [id] **name** and one datum", () => {
    expect(listLine({ id: 'abcdef', name: 'Alice', datum: '(`a:text`)' })).toBe('[`abcdef`] **Alice** (`a:text`)');
    expect(listLine({ id: 'abcdef', name: '**@everyone**', datum: null, hidden: true })).toBe('[`abcdef`] **\\*\\*@everyone\\*\\*** *(hidden)*');
  });

  it('say the sort, count, view and page in the footer, and the search in the heading', () => {
    const embed = renderEntityList(page({ lines: [{ id: 'abcdef', name: 'A', datum: null }], total: 30, pageCount: 2, search: 'a*b', view: 'private' }));
    expect(embed.title).toBe('Members of your system matching “a\\*b”');
    expect(embed.footer?.text).toBe('Page 1/2 · Sorted by name · 30 members · your private view');
    expect(renderEntityList(page()).description).toBe('*No members to show.*');
  });

  it('keep a heading with a mention out of the title (Discord shows it raw there)', () => {
    const embed = renderEntityList(page({ heading: "Members of <@123>'s system" }));
    expect(embed.title).toBeUndefined();
    expect(embed.description).toMatch(/^\*\*Members of <@123>'s system\*\*/);
  });

  it('fit 25 lines of the longest names and tags, escaped, within every limit', () => {
    const member = ownerMember({ name: '*'.repeat(100), proxy_tags: [longProxyTag(1), longProxyTag(2), longProxyTag(3), longProxyTag(4)] });
    const lines = Array.from({ length: 25 }, () => ({ id: 'abcdef', name: member.name, datum: MEMBER_SORTS.name.datum(member) }));
    const embed = renderEntityList(page({ heading: `Members of ${'x'.repeat(300)}`, lines, total: 25 }));
    expectWithinDiscordLimits([embed]);
    expect(embed.description!.split('\n')).toHaveLength(25);
  });
});

describe('list search and sort', () => {
  const members = [
    ownerMember({ id: 'aaaaa', name: 'Zoë', pronouns: null, description: null, message_count: 2, birthday: '1990-12-01' }),
    ownerMember({ id: 'bbbbb', name: 'adam', pronouns: 'HE/him', description: null, message_count: null, birthday: '0004-01-05' }),
    publicMember({ id: 'ccccc', name: 'Cy', pronouns: null, description: 'zoe’s friend', message_count: 9, birthday: null }),
  ];

  it('search ignores case and accents and looks in pronouns and description', () => {
    expect(searchList(members, 'zoe').map((member) => member.id)).toEqual(['aaaaa', 'ccccc']);
    expect(searchList(members, 'he/').map((member) => member.id)).toEqual(['bbbbb']);
    expect(searchList(members, '  ')).toHaveLength(3);
  });

  it('sorts by the key with unset values last and names breaking ties', () => {
    expect(sortList(members, MEMBER_SORTS.name).map((member) => member.name)).toEqual(['adam', 'Cy', 'Zoë']);
    expect(sortList(members, MEMBER_SORTS.message_count).map((member) => member.id)).toEqual(['ccccc', 'aaaaa', 'bbbbb']);
    expect(sortList(members, MEMBER_SORTS.birthday).map((member) => member.id)).toEqual(['bbbbb', 'aaaaa', 'ccccc']);
  });
});

describe('privacy overview and membership changes', () => {
  it('shows each subject with its level and what it covers', () => {
    const embed = renderPrivacyOverview({ noun: 'member', name: 'A*', id: 'abcdef', color: 'ff0000', levels: [{ subject: 'visibility', level: 'private' }, { subject: 'proxy', level: 'public' }] });
    expect(embed.title).toBe('Privacy of A\\* (abcdef)');
    expect(embed.fields).toEqual([
      { name: 'Visibility', value: '**Private**: only you (with `private: True`)\n-# private: left out of lists (the card still opens by ID)', inline: true },
      { name: 'Proxy tags', value: '**Public**: everyone can see it\n-# the proxy tags', inline: true },
    ]);
  });

  it('says what was added, removed, and already so, from either side', () => {
    const [a, b, c] = ['A', 'B', 'C'].map((name) => ({ uuid: name, name }));
    expect(renderMembershipChange({ side: 'member', subject: { name: 'Alice' }, before: [a!], after: [a!, b!], requested: { op: 'add', entities: [a!, b!] } })).toBe(
      '✅ **Alice** is now in 2 groups: **A**, **B**.\n**Added:** **B**\n**Already in:** **A**',
    );
    expect(renderMembershipChange({ side: 'group', subject: { name: 'Crew' }, before: [a!, c!], after: [a!] })).toBe('✅ **Crew** now has 1 member: **A**.\n**Removed:** **C**');
    expect(renderMembershipChange({ side: 'group', subject: { name: 'Crew' }, before: [], after: [], requested: { op: 'remove', entities: [b!] } })).toBe(
      'Nothing changed. **Crew** has no members now.\n**Was not in:** **B**',
    );
  });
});
