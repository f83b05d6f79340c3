import { describe, expect, it } from 'vitest';
import { MessageSchema, type Message } from '../../src/pluralkit/models.js';
import { renderMessageInfo } from '../../src/render/message-info.js';
import { allText, expectWithinDiscordLimits, field, fieldNames, longProxyTag, ownerSystem, publicMember, TEN_AM, TEN_AM_UNIX } from './fixtures.js';

function message(overrides: Partial<Message> = {}): Message {
  return MessageSchema.parse({
    timestamp: TEN_AM,
    id: '1100000000000000001',
    original: '1100000000000000000',
    sender: '230000000000000001',
    channel: '430000000000000001',
    guild: '330000000000000001',
    system: ownerSystem({ description: null, privacy: null }),
    // Members inside a message carry no system key.
    member: { ...publicMember({ pronouns: 'they/them' }), system: undefined },
    ...overrides,
  });
}

const JUMP = 'https://discord.com/channels/330000000000000001/430000000000000001/1100000000000000001';

describe('renderMessageInfo', () => {
  it('shows the member card, then who sent the message, when, from where, and an excerpt', () => {
    const embeds = renderMessageInfo(message(), { excerpt: 'hello\nworld', attachmentCount: 2, jumpUrl: JUMP });
    expect(embeds).toHaveLength(2);
    const [card, info] = embeds as [NonNullable<(typeof embeds)[0]>, NonNullable<(typeof embeds)[1]>];
    expect(card.author?.name).toBe('Alice (The Crew)');
    expect(field(card, 'Pronouns')).toBe('they/them');
    expect(card.footer?.text).toBe('System ID: sysab | Member ID: abcdef');

    expect(info.title).toBe('Proxied message');
    expect(info.description).toBe('> hello\n> world');
    expect(fieldNames(info)).toEqual(['System', 'Member', 'Sent by', 'Sent', 'Attachments', 'Link']);
    expect(field(info, 'System')).toBe('The Crew (`sysab`)');
    expect(field(info, 'Member')).toBe('Alice (`abcdef`)');
    expect(field(info, 'Sent by')).toBe('<@230000000000000001> (`230000000000000001`)');
    expect(field(info, 'Sent')).toBe(`<t:${TEN_AM_UNIX}:f> (<t:${TEN_AM_UNIX}:R>)`);
    expect(field(info, 'Attachments')).toBe('2');
    expect(field(info, 'Link')).toBe(`[Jump to message](${JUMP})`);
    expect(info.footer?.text).toBe('Message ID: 1100000000000000001 · Original message ID: 1100000000000000000');
    expect(info.color).toBe(0xff0000);
  });

  it('names a deleted member and an unknown system, and omits an unknown original', () => {
    const embeds = renderMessageInfo(message({ member: null, system: null, original: '' }));
    expect(embeds).toHaveLength(1);
    expect(field(embeds[0]!, 'System')).toBe('*deleted or unknown system*');
    expect(field(embeds[0]!, 'Member')).toBe('*deleted member*');
    expect(fieldNames(embeds[0]!)).toEqual(['System', 'Member', 'Sent by', 'Sent']);
    expect(embeds[0]!.description).toBeUndefined();
    expect(embeds[0]!.footer?.text).toBe('Message ID: 1100000000000000001');
  });

  it('shows a system with a private name by ID, or by the fallback the caller gives', () => {
    const privateName = message({ system: ownerSystem({ name: null }) });
    expect(field(renderMessageInfo(privateName)[1]!, 'System')).toBe('`sysab`');
    expect(renderMessageInfo(privateName)[0]!.author?.name).toBe('Alice');
    const withFallback = renderMessageInfo(privateName, { systemNameFallback: 'crew' });
    expect(field(withFallback[1]!, 'System')).toBe('crew (`sysab`)');
    expect(withFallback[0]!.author?.name).toBe('Alice (crew)');
  });

  it('escapes markdown in the member’s name and never builds a mention from it', () => {
    const embeds = renderMessageInfo(message({ member: { ...publicMember({ name: '<@1> **x**' }), system: undefined } }));
    expect(field(embeds[1]!, 'Member')).toBe('\\<@1> \\*\\*x\\*\\* (`abcdef`)');
  });

  it('cuts the excerpt to 300 characters inside the quote', () => {
    const info = renderMessageInfo(message(), { excerpt: 'y'.repeat(5000) })[1]!;
    expect(info.description).toBe(`> ${'y'.repeat(299)}…`);
  });

  it('keeps a huge member card and message within 6000 characters across both embeds', () => {
    const member = {
      ...publicMember({
        name: 'N'.repeat(100),
        display_name: 'D'.repeat(100),
        description: 'd'.repeat(1000),
        proxy_tags: Array.from({ length: 100 }, (_, i) => longProxyTag(i)),
        pronouns: 'p'.repeat(100),
      }),
      system: undefined,
    };
    const embeds = renderMessageInfo(message({ member, system: ownerSystem({ name: 'S'.repeat(100) }) }), {
      excerpt: 'z'.repeat(4000),
      attachmentCount: 10,
      jumpUrl: JUMP,
    });
    expectWithinDiscordLimits(embeds);
    // The facts about the message survive whole.
    expect(allText(embeds)).toContain('<@230000000000000001>');
    expect(fieldNames(embeds[1]!)).toEqual(['System', 'Member', 'Sent by', 'Sent', 'Attachments', 'Link']);
  });
});
