import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { DiscordLimits } from '../../src/core/discord-limits.js';
import { GroupSchema, MemberSchema, SystemSchema, type Group, type Member, type System } from '../../src/pluralkit/models.js';
import { embedTextLength } from '../../src/interaction/embed-limits.js';

/** 2026-05-01T10:00:00Z, as Discord timestamps write it. */
export const TEN_AM = '2026-05-01T10:00:00Z';
export const TEN_AM_UNIX = 1777629600;
export const NOW = new Date('2026-05-01T12:00:00Z');

const OWNER_MEMBER_PRIVACY = {
  visibility: 'public',
  name_privacy: 'public',
  description_privacy: 'public',
  banner_privacy: 'public',
  birthday_privacy: 'public',
  pronoun_privacy: 'public',
  avatar_privacy: 'public',
  metadata_privacy: 'public',
  proxy_privacy: 'public',
} as const;

/** A member as the owner sees it: every field set. */
export function ownerMember(overrides: Partial<Member> = {}): Member {
  return MemberSchema.parse({
    id: 'abcdef',
    uuid: '00000000-0000-4000-8000-000000000001',
    system: 'sysab',
    name: 'Alice',
    display_name: 'Ally',
    color: 'FF0000',
    birthday: '1990-07-04',
    pronouns: 'she/her',
    avatar_url: 'https://cdn.example/alice.png',
    webhook_avatar_url: 'https://cdn.example/alice-proxy.png',
    banner: 'https://cdn.example/alice-banner.png',
    description: 'Likes tea.',
    created: '2020-01-02T03:04:05.123456Z',
    keep_proxy: false,
    tts: false,
    autoproxy_enabled: true,
    message_count: 42,
    last_message_timestamp: '2026-04-30T10:00:00Z',
    proxy_tags: [{ prefix: 'a:', suffix: null }, { prefix: null, suffix: '-a' }],
    privacy: OWNER_MEMBER_PRIVACY,
    ...overrides,
  });
}

/** The same member as the public sees it when everything but name, pronouns and colour is private. */
export function publicMember(overrides: Partial<Member> = {}): Member {
  return ownerMember({
    display_name: null,
    birthday: null,
    avatar_url: null,
    webhook_avatar_url: null,
    banner: null,
    description: null,
    created: null,
    autoproxy_enabled: null,
    message_count: null,
    last_message_timestamp: null,
    proxy_tags: [],
    privacy: null,
    ...overrides,
  });
}

export function ownerSystem(overrides: Partial<System> = {}): System {
  return SystemSchema.parse({
    id: 'sysab',
    uuid: '00000000-0000-4000-8000-000000000009',
    name: 'The Crew',
    description: 'We are many.',
    tag: '| crew',
    pronouns: 'they/them',
    avatar_url: 'https://cdn.example/sys.png',
    banner: 'https://cdn.example/sys-banner.png',
    color: '00ff7f',
    created: '2019-05-06T07:08:09Z',
    ...overrides,
  });
}

export function group(overrides: Partial<Group> = {}): Group {
  return GroupSchema.parse({
    id: 'grpaa',
    uuid: '00000000-0000-4000-8000-000000000100',
    name: 'Littles',
    system: 'sysab',
    display_name: 'The Littles',
    description: 'Small ones.',
    icon: 'https://cdn.example/icon.png',
    banner: 'https://cdn.example/group-banner.png',
    color: 'abcdef',
    created: '2021-01-01T00:00:00Z',
    privacy: null,
    ...overrides,
  });
}

export function field(embed: APIEmbed, name: string): string | undefined {
  return embed.fields?.find((candidate) => candidate.name === name)?.value;
}

export function fieldNames(embed: APIEmbed): string[] {
  return (embed.fields ?? []).map((candidate) => candidate.name);
}

/** Every piece of text of the embeds, one per line, as a reader would scan them. */
export function allText(embeds: readonly APIEmbed[]): string {
  return embeds
    .flatMap((embed) => [embed.title, embed.author?.name, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])])
    .filter((part) => part !== undefined)
    .join('\n');
}

/** Every Discord limit that applies to the embeds of one message. */
export function expectWithinDiscordLimits(embeds: readonly APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(DiscordLimits.embedsPerMessage);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedTitle);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedAuthorName);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedFields);
    for (const each of embed.fields ?? []) {
      expect(each.name.length).toBeGreaterThan(0);
      expect(each.name.length).toBeLessThanOrEqual(DiscordLimits.embedFieldName);
      expect(each.value.length).toBeGreaterThan(0);
      expect(each.value.length).toBeLessThanOrEqual(DiscordLimits.embedFieldValue);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DiscordLimits.embedFooter);
    total += embedTextLength(embed);
  }
  expect(total).toBeLessThanOrEqual(DiscordLimits.embedTotal);
}

/** A proxy tag whose `prefix` + "text" + `suffix` is exactly 100 characters, PluralKit's maximum. */
export function longProxyTag(index: number): { prefix: string; suffix: string } {
  const prefix = `${index}`.padEnd(48, 'p');
  return { prefix, suffix: 's'.repeat(100 - 4 - prefix.length) };
}
