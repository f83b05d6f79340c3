import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DiscordLimits } from '../../src/discord/limits.js';
import { MemberSchema, MessageSchema, SystemSchema, type Member } from '../../src/pluralkit/models.js';
import { embedTextLength } from '../../src/render/embed-limits.js';
import { formatBirthday } from '../../src/render/format.js';
import { renderFronters } from '../../src/render/fronters.js';
import { renderMemberCard } from '../../src/render/member.js';
import { renderMessageInfo } from '../../src/render/message-info.js';
import { renderSwitchHistory } from '../../src/render/switch-history.js';

const NOW = new Date('2026-05-01T12:00:00Z');

function member(overrides: Partial<Member> = {}): Member {
  return MemberSchema.parse({
    id: 'abcdef',
    uuid: '00000000-0000-4000-8000-000000000001',
    system: 'sysabc',
    name: 'Alice',
    display_name: null,
    color: 'ff0000',
    birthday: null,
    pronouns: 'she/her',
    avatar_url: 'https://cdn.example/a.png',
    webhook_avatar_url: null,
    banner: null,
    description: null,
    created: '2020-01-01T00:00:00Z',
    keep_proxy: false,
    tts: false,
    autoproxy_enabled: null,
    message_count: null,
    last_message_timestamp: null,
    proxy_tags: [],
    privacy: null,
    ...overrides,
  });
}

function text(embed: APIEmbed): string {
  return [embed.title, embed.description, embed.author?.name, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');
}

function expectWithinLimits(embeds: APIEmbed[]): void {
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DiscordLimits.embedFieldName);
      expect(field.value.length).toBeLessThanOrEqual(DiscordLimits.embedFieldValue);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedFooter);
    total += embedTextLength(embed);
  }
  expect(total).toBeLessThanOrEqual(DiscordLimits.embedTotal);
}

describe('renderFronters', () => {
  it('lists fronters with pronouns, the first fronter’s colour and avatar, and both timestamps', () => {
    const embed = renderFronters(
      { id: 's', timestamp: '2026-05-01T10:00:00Z', members: [member(), member({ id: 'bbbbbb', name: 'Bob', pronouns: null, color: null })] },
      { now: NOW },
    );
    expect(embed.fields![0]).toEqual({ name: 'Current fronters', value: '**Alice** (she/her), **Bob**' });
    expect(embed.fields![1]!.value).toBe('<t:1777629600:f> (<t:1777629600:R>)');
    expect(embed.color).toBe(0xff0000);
    expect(embed.thumbnail?.url).toBe('https://cdn.example/a.png');
  });

  it('uses the singular for one fronter, shows a switch-out, and explains no switches', () => {
    expect(renderFronters({ id: 's', timestamp: '2026-05-01T10:00:00Z', members: [member()] }, { now: NOW }).fields![0]!.name).toBe('Current fronter');
    const out = renderFronters({ id: 's', timestamp: '2026-05-01T10:00:00Z', members: [] }, { now: NOW });
    expect(out.fields![0]).toEqual({ name: 'Current fronters', value: '*(no fronter)*' });
    expect(renderFronters(null, { now: NOW }).description).toMatch(/no registered switches/);
  });

  it('cuts 150 long names with "(N not shown)" and stays within limits', () => {
    const members = Array.from({ length: 150 }, (_, i) => member({ id: `m${i}`, name: `${'N'.repeat(95)}${i}`, pronouns: 'x'.repeat(100) }));
    const embed = renderFronters({ id: 's', timestamp: '2026-05-01T10:00:00Z', members }, { now: NOW, systemLabel: 'S'.repeat(300) });
    expect(embed.fields![0]!.value).toMatch(/\(\d+ not shown\)\*$/);
    expectWithinLimits([embed]);
  });

  it('escapes markdown in names', () => {
    const embed = renderFronters({ id: 's', timestamp: '2026-05-01T10:00:00Z', members: [member({ name: '**bold** `code`' })] }, { now: NOW });
    expect(embed.fields![0]!.value).toContain('\\*\\*bold\\*\\*');
  });
});

describe('renderMemberCard', () => {
  it('shows fields in PluralKit’s order and omits what the view nulled', () => {
    const embed = renderMemberCard(
      member({ display_name: 'Ally', birthday: '0004-02-29', proxy_tags: [{ prefix: 'a:', suffix: null }], message_count: 12, description: 'Hi' }),
      { systemName: 'The System' },
    );
    expect(embed.author?.name).toBe('Alice (The System)');
    expect(embed.fields!.map((f) => f.name)).toEqual(['Display Name', 'Pronouns', 'Birthday', 'Message Count', 'Color', 'Proxy Tags', 'Description']);
    expect(embed.fields!.find((f) => f.name === 'Birthday')!.value).toBe('Feb 29');
    expect(embed.fields!.find((f) => f.name === 'Proxy Tags')!.value).toBe('`a:text`');
    expect(embed.footer?.text).toBe('System ID: sysabc | Member ID: abcdef');
    const bare = renderMemberCard(member({ pronouns: null, color: null, created: null }));
    expect(bare.fields).toEqual([]);
  });

  it('stays within limits with a long description and 100 proxy tags', () => {
    const tags = Array.from({ length: 100 }, (_, i) => ({ prefix: `${'p'.repeat(45)}${i}`, suffix: 's'.repeat(45) }));
    const embed = renderMemberCard(member({ description: 'd'.repeat(1000), proxy_tags: tags, name: 'n'.repeat(100) }), { systemName: 's'.repeat(100) });
    expectWithinLimits([embed]);
  });

  it('formats birthdays with and without a hidden year', () => {
    expect(formatBirthday('1990-07-04')).toBe('Jul 04, 1990');
    expect(formatBirthday('0001-07-04')).toBe('Jul 04');
  });
});

describe('renderSwitchHistory', () => {
  it('shows names, switch-outs, deleted members and durations, newest first', () => {
    const embed = renderSwitchHistory(
      [
        { id: '1', timestamp: '2026-05-01T10:00:00Z', members: [{ id: 'abcdef', name: 'Alice' }], endedAt: null },
        { id: '2', timestamp: '2026-05-01T08:00:00Z', members: [], endedAt: '2026-05-01T10:00:00Z' },
        { id: '3', timestamp: '2026-04-30T08:00:00Z', members: [{ id: 'gonegn', name: null }], endedAt: '2026-05-01T08:00:00Z' },
      ],
      { page: 0, hasNext: false, now: NOW, systemLabel: 'your system' },
    );
    const lines = embed.description!.split('\n');
    expect(lines[0]).toBe('**Alice** (<t:1777629600:f>, <t:1777629600:R>)');
    expect(lines[1]).toMatch(/^\*\*no fronter\*\* .*for 2h 0m\)$/);
    expect(lines[2]).toMatch(/^\*deleted member\* \(`gonegn`\) .*for 1d 0h\)$/);
    expect(embed.title).toBe('Front history of your system');
  });

  it('stays within the description limit with 10 switches of 150 long names', () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({
      id: String(i),
      timestamp: '2026-05-01T10:00:00Z',
      members: Array.from({ length: 150 }, (_, j) => ({ id: `m${j}`, name: 'x'.repeat(100) })),
      endedAt: null,
    }));
    expectWithinLimits([renderSwitchHistory(entries, { page: 0, hasNext: true, now: NOW, systemLabel: 'x' })]);
  });
});

describe('renderMessageInfo', () => {
  const message = MessageSchema.parse({
    timestamp: '2026-05-01T10:00:00Z',
    id: '1100000000000000001',
    original: '1100000000000000000',
    sender: '230000000000000001',
    channel: '430000000000000001',
    guild: '330000000000000001',
    system: SystemSchema.parse({
      id: 'sysabc',
      uuid: '00000000-0000-4000-8000-000000000009',
      name: 'The System',
      description: null,
      tag: null,
      pronouns: null,
      avatar_url: null,
      banner: null,
      color: null,
      created: null,
      privacy: null,
    }),
    member: { ...member(), system: undefined },
  });

  it('shows the member card, system, sender, time, original ID, excerpt and attachments', () => {
    const embeds = renderMessageInfo(message, { excerpt: 'hello\nworld', attachmentCount: 2, jumpUrl: 'https://discord.com/channels/1/2/3' });
    expect(embeds).toHaveLength(2);
    expect(embeds[0]!.author?.name).toBe('Alice (The System)');
    const info = text(embeds[1]!);
    expect(info).toContain('The System (`sysabc`)');
    expect(info).toContain('<@230000000000000001>');
    expect(info).toContain('> hello\n> world');
    expect(info).toContain('Attachments\n2');
    expect(info).toContain('Original message ID: 1100000000000000000');
    expect(info).toContain('[Jump to message](https://discord.com/channels/1/2/3)');
  });

  it('names a deleted member and system and stays within limits for huge content', () => {
    const embeds = renderMessageInfo({ ...message, member: null, system: null, original: '' }, { excerpt: 'y'.repeat(5000) });
    expect(embeds).toHaveLength(1);
    expect(text(embeds[0]!)).toContain('*deleted member*');
    expect(text(embeds[0]!)).toContain('*deleted or unknown system*');
    expect(embeds[0]!.footer!.text).not.toContain('Original');
    expectWithinLimits(embeds);
  });
});
