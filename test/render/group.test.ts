import { describe, expect, it } from 'vitest';
import { renderGroupCard } from '../../src/render/group.js';
import { expectWithinDiscordLimits, field, fieldNames, group } from './fixtures.js';

describe('renderGroupCard', () => {
  it('shows a full owner view like PluralKit’s group card', () => {
    const embed = renderGroupCard(group(), { systemName: 'The Crew', memberCount: 3 });
    expect(embed.author).toEqual({ name: 'Littles (The Crew)', url: 'https://dash.pluralkit.me/profile/g/grpaa', icon_url: 'https://cdn.example/icon.png' });
    expect(fieldNames(embed)).toEqual(['Display Name', 'Color', 'Members', 'Description']);
    expect(field(embed, 'Display Name')).toBe('The Littles');
    expect(field(embed, 'Color')).toBe('#abcdef');
    expect(field(embed, 'Members')).toBe('3');
    expect(field(embed, 'Description')).toBe('Small ones.');
    expect(embed.color).toBe(0xabcdef);
    expect(embed.thumbnail?.url).toBe('https://cdn.example/icon.png');
    expect(embed.image?.url).toBe('https://cdn.example/group-banner.png');
    expect(embed.footer?.text).toBe('System ID: sysab | Group ID: grpaa | Created');
    expect(embed.timestamp).toBe('2021-01-01T00:00:00.000Z');
  });

  it('leaves out what the public view nulled', () => {
    const embed = renderGroupCard(group({ display_name: null, description: null, icon: null, banner: null, created: null, color: null }), { memberCount: null });
    expect(embed.fields).toEqual([]);
    expect(embed.author).toEqual({ name: 'Littles', url: 'https://dash.pluralkit.me/profile/g/grpaa' });
    expect(embed.thumbnail).toBeUndefined();
    expect(embed.timestamp).toBeUndefined();
    expect(embed.footer?.text).toBe('System ID: sysab | Group ID: grpaa');
  });

  it('names up to 20 members under the count, escaped, with how many more', () => {
    const names = Array.from({ length: 23 }, (_, i) => (i === 0 ? '*star*' : `M${i}`));
    const embed = renderGroupCard(group(), { memberCount: 23, memberNames: names });
    expect(fieldNames(embed)).toEqual(['Display Name', 'Color', 'Members (23)', 'Description']);
    expect(field(embed, 'Members (23)')).toMatch(/^\\\*star\\\*, M1, M2, .*, M19, \*… and 3 more\*$/);
    expect(field(renderGroupCard(group(), { memberNames: [] }), 'Members (0)')).toBe('*No members yet.*');
    const long = renderGroupCard(group(), { memberNames: Array.from({ length: 20 }, () => '_'.repeat(100)) });
    expect(field(long, 'Members (20)')).toMatch(/\*… and \d+ more\*$/);
    expectWithinDiscordLimits([long]);
  });

  it('notes a hidden group', () => {
    expect(renderGroupCard(group(), { hidden: true }).description).toMatch(/^\*This group is hidden/);
    expect(renderGroupCard(group()).description).toBeUndefined();
  });

  it('escapes markdown in the display name and stays within limits for long text', () => {
    const embed = renderGroupCard(group({ name: 'n'.repeat(100), display_name: '*'.repeat(100), description: 'd'.repeat(1000) }), { systemName: 's'.repeat(100) });
    expect(field(embed, 'Display Name')).toBe('\\*'.repeat(100));
    expectWithinDiscordLimits([embed]);
  });
});
