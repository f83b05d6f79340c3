import { describe, expect, it } from 'vitest';
import { memberDisplayName, proxyTagLines, renderMemberCard } from '../../src/render/member.js';
import { expectWithinDiscordLimits, field, fieldNames, group, longProxyTag, ownerMember, publicMember } from './fixtures.js';

describe('renderMemberCard, owner view', () => {
  const groups = [group({ id: 'grpbb', name: 'zeta' }), group({ id: 'grpaa', name: 'Alpha' })];
  const embed = renderMemberCard(ownerMember(), { systemName: 'The Crew', groups });

  it('shows every field in PluralKit’s order', () => {
    expect(fieldNames(embed)).toEqual(['Display Name', 'Pronouns', 'Birthday', 'Message Count', 'Proxy Tags', 'Color', 'Groups (2)', 'Description']);
    expect(field(embed, 'Display Name')).toBe('Ally');
    expect(field(embed, 'Pronouns')).toBe('she/her');
    expect(field(embed, 'Birthday')).toBe('Jul 04, 1990');
    expect(field(embed, 'Message Count')).toBe('42');
    expect(field(embed, 'Proxy Tags')).toBe('`a:text`\n`text-a`');
    expect(field(embed, 'Color')).toBe('#ff0000');
    expect(field(embed, 'Description')).toBe('Likes tea.');
  });

  it('lists up to five groups by name, case-insensitively, with their IDs', () => {
    expect(field(embed, 'Groups (2)')).toBe('[`grpaa`] **Alpha**\n[`grpbb`] **zeta**');
  });

  it('heads the card with name, system, avatars, colour, banner, dashboard link', () => {
    expect(embed.author).toEqual({
      name: 'Alice (The Crew)',
      url: 'https://dash.pluralkit.me/profile/m/abcdef',
      icon_url: 'https://cdn.example/alice-proxy.png',
    });
    expect(embed.thumbnail?.url).toBe('https://cdn.example/alice.png');
    expect(embed.image?.url).toBe('https://cdn.example/alice-banner.png');
    expect(embed.color).toBe(0xff0000);
  });

  it('puts the IDs in the footer and the creation time in the embed timestamp', () => {
    expect(embed.footer?.text).toBe('System ID: sysab | Member ID: abcdef | Created');
    expect(embed.timestamp).toBe('2020-01-02T03:04:05.123Z');
    expect(embed.description).toBeUndefined();
  });

  it('notes a hidden member, from its privacy or from the caller', () => {
    const hidden = ownerMember({ privacy: { ...ownerMember().privacy!, visibility: 'private' } });
    expect(renderMemberCard(hidden).description).toMatch(/^\*This member is hidden/);
    expect(renderMemberCard(publicMember(), { hidden: true }).description).toMatch(/hidden/);
    expect(renderMemberCard(hidden, { hidden: false }).description).toBeUndefined();
  });
});

describe('renderMemberCard, public view', () => {
  it('leaves out whatever the view nulled, and the system when its name is not given', () => {
    const embed = renderMemberCard(publicMember(), { groups: null });
    expect(fieldNames(embed)).toEqual(['Pronouns', 'Color']);
    expect(embed.author).toEqual({ name: 'Alice', url: 'https://dash.pluralkit.me/profile/m/abcdef' });
    expect(embed.thumbnail).toBeUndefined();
    expect(embed.image).toBeUndefined();
    expect(embed.timestamp).toBeUndefined();
    expect(embed.footer?.text).toBe('System ID: sysab | Member ID: abcdef');
  });

  it('shows no message count of zero, no empty group list, no colour when unset', () => {
    const embed = renderMemberCard(ownerMember({ message_count: 0, color: null }), { groups: [] });
    expect(fieldNames(embed)).not.toContain('Message Count');
    expect(fieldNames(embed).some((name) => name.startsWith('Groups'))).toBe(false);
    expect(embed.color).toBeUndefined();
  });

  it('omits the system ID when the member object has none (members inside a message)', () => {
    expect(renderMemberCard(publicMember({ system: undefined })).footer?.text).toBe('Member ID: abcdef');
  });

  it('falls back to the proxy avatar for the thumbnail', () => {
    const embed = renderMemberCard(publicMember({ webhook_avatar_url: 'https://cdn.example/proxy.png' }));
    expect(embed.thumbnail?.url).toBe('https://cdn.example/proxy.png');
  });
});

describe('renderMemberCard formatting', () => {
  it('writes a hidden-year birthday without the year (0004 and legacy 0001)', () => {
    expect(field(renderMemberCard(ownerMember({ birthday: '0004-02-29' })), 'Birthday')).toBe('Feb 29');
    expect(field(renderMemberCard(ownerMember({ birthday: '0001-12-25' })), 'Birthday')).toBe('Dec 25');
  });

  it('escapes markdown in names and pronouns but keeps the description’s own markdown', () => {
    const embed = renderMemberCard(ownerMember({ display_name: '**x** `y`', pronouns: '_it_', description: '**bold** on purpose' }), {
      groups: [group({ name: '~~g~~' })],
    });
    expect(field(embed, 'Display Name')).toBe('\\*\\*x\\*\\* \\`y\\`');
    expect(field(embed, 'Pronouns')).toBe('\\_it\\_');
    expect(field(embed, 'Groups (1)')).toBe('[`grpaa`] **\\~\\~g\\~\\~**');
    expect(field(embed, 'Description')).toBe('**bold** on purpose');
  });

  it('fences proxy tags that contain backticks so the code span holds', () => {
    expect(proxyTagLines({ proxy_tags: [{ prefix: '`', suffix: null }] })).toEqual(['`` `text ``']);
    expect(proxyTagLines({ proxy_tags: [{ prefix: 'a``b', suffix: '`' }] })).toEqual(['``` a``btext` ```']);
  });

  it('lists more than five groups as a comma list of names', () => {
    const groups = Array.from({ length: 6 }, (_, i) => group({ id: `grp${i}`, name: `G${i}` }));
    expect(field(renderMemberCard(ownerMember(), { groups }), 'Groups (6)')).toBe('G0, G1, G2, G3, G4, G5');
  });

  it('names the display name as the public name when set', () => {
    expect(memberDisplayName(ownerMember())).toBe('Ally');
    expect(memberDisplayName(publicMember())).toBe('Alice');
  });
});

describe('renderMemberCard limits', () => {
  it('fits 100 proxy tags of 100 characters, a 1000-character description, 30 groups and long names', () => {
    const tags = Array.from({ length: 100 }, (_, i) => longProxyTag(i));
    const groups = Array.from({ length: 30 }, (_, i) => group({ id: `g${i}`, name: `${i}`.padStart(100, 'n') }));
    const embed = renderMemberCard(
      ownerMember({ name: 'N'.repeat(100), display_name: 'D'.repeat(100), pronouns: 'P'.repeat(100), description: 'd'.repeat(1000), proxy_tags: tags }),
      { systemName: 'S'.repeat(100), groups },
    );
    expectWithinDiscordLimits([embed]);
    const proxy = field(embed, 'Proxy Tags')!;
    // Whole tags only, then a count of the rest.
    expect(proxy).toMatch(/^`0p+texts+`\n/);
    expect(proxy).toMatch(/\n\*\(\d+ more\)\*$/);
    const shown = proxy.split('\n').length - 1;
    expect(proxy.endsWith(`*(${100 - shown} more)*`)).toBe(true);
    expect(field(embed, 'Groups (30)')).toMatch(/, \*\(\d+ more\)\*$/);
    expect(field(embed, 'Description')).toBe('d'.repeat(1000));
  });

  it('cuts an over-long description with a marker rather than failing', () => {
    const embed = renderMemberCard(ownerMember({ description: 'x'.repeat(5000) }));
    expect(field(embed, 'Description')).toHaveLength(1024);
    expect(field(embed, 'Description')!.endsWith('…')).toBe(true);
    expectWithinDiscordLimits([embed]);
  });
});
