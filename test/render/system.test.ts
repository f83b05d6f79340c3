import { describe, expect, it } from 'vitest';
import { renderSystemCard, systemLabel } from '../../src/render/system.js';
import { expectWithinDiscordLimits, field, fieldNames, ownerMember, ownerSystem } from './fixtures.js';

describe('renderSystemCard', () => {
  it('shows a full owner view in PluralKit’s order', () => {
    const fronters = [ownerMember(), ownerMember({ id: 'bbbbb', name: 'Bob' })];
    const embed = renderSystemCard(ownerSystem(), { memberCount: 12, groupCount: { total: 3, hidden: 1 }, fronters, privateSubjects: ['Banner'] });
    expect(embed.title).toBe('The Crew');
    expect(embed.url).toBe('https://dash.pluralkit.me/profile/s/sysab');
    expect(fieldNames(embed)).toEqual(['Current fronters', 'Tag', 'Pronouns', 'Color', 'Members', 'Groups', 'Created', 'Description', 'Privacy']);
    expect(field(embed, 'Current fronters')).toBe('Alice, Bob');
    expect(field(embed, 'Tag')).toBe('\\| crew');
    expect(field(embed, 'Pronouns')).toBe('they/them');
    expect(field(embed, 'Color')).toBe('#00ff7f');
    expect(field(embed, 'Members')).toBe('12');
    expect(field(embed, 'Groups')).toBe('3 (1 hidden from others)');
    expect(field(embed, 'Created')).toBe('<t:1557126489:D> (<t:1557126489:R>)');
    expect(field(embed, 'Description')).toBe('We are many.');
    expect(field(embed, 'Privacy')).toBe('Private: Banner. Change it with `/system privacy`.');
    expect(embed.color).toBe(0x00ff7f);
    expect(embed.thumbnail?.url).toBe('https://cdn.example/sys.png');
    expect(embed.image?.url).toBe('https://cdn.example/sys-banner.png');
    expect(embed.footer?.text).toBe('System ID: sysab');
  });

  it('leaves out what the public view nulled and what the caller could not see', () => {
    const embed = renderSystemCard(
      ownerSystem({ name: null, description: null, pronouns: null, avatar_url: null, banner: null, tag: null, color: null, created: null }),
      { memberCount: null, groupCount: null, fronters: null },
    );
    expect(embed.title).toBe('System sysab');
    expect(embed.fields).toEqual([]);
    expect(embed.thumbnail).toBeUndefined();
    expect(embed.image).toBeUndefined();
    expect(embed.color).toBeUndefined();
  });

  it('uses the singular for one fronter, and shows no fronter line for a switch-out (as PluralKit)', () => {
    expect(fieldNames(renderSystemCard(ownerSystem(), { fronters: [ownerMember()] }))).toContain('Current fronter');
    expect(fieldNames(renderSystemCard(ownerSystem(), { fronters: [] }))).not.toContain('Current fronters');
  });

  it('shows a member count of zero', () => {
    expect(field(renderSystemCard(ownerSystem(), { memberCount: 0 }), 'Members')).toBe('0');
  });

  it('escapes markdown in the name, tag and fronter names', () => {
    const embed = renderSystemCard(ownerSystem({ name: '**x**', tag: '`t`' }), { fronters: [ownerMember({ name: '_a_' })] });
    expect(embed.title).toBe('\\*\\*x\\*\\*');
    expect(field(embed, 'Tag')).toBe('\\`t\\`');
    expect(field(embed, 'Current fronter')).toBe('\\_a\\_');
  });

  it('keeps many fronters to 200 characters and points to /fronters', () => {
    const fronters = Array.from({ length: 150 }, (_, i) => ownerMember({ id: `m${i}`, name: `${i}`.padStart(100, 'n') }));
    const embed = renderSystemCard(ownerSystem({ description: 'd'.repeat(1000), name: 'N'.repeat(100) }), { fronters, memberCount: 150 });
    const value = field(embed, 'Current fronters')!;
    expect(value.length).toBeLessThanOrEqual(200);
    expect(value).toMatch(/^n+0, \*\(149 more: see `\/fronters`\)\*$/);
    expectWithinDiscordLimits([embed]);
  });

  it('labels a system by name and ID, or by ID alone', () => {
    expect(systemLabel({ id: 'sysab', name: 'A*B' })).toBe('A\\*B (`sysab`)');
    expect(systemLabel({ id: 'sysab', name: null })).toBe('`sysab`');
    expect(systemLabel({ id: 'sysab', name: null }, '| crew')).toBe('\\| crew (`sysab`)');
  });
});
