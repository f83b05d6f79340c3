import { describe, expect, it } from 'vitest';
import { parseMessageReference } from '../../src/messages/parse-link.js';
import { renderUnreadableMessageReference } from '../../src/render/message-info.js';

const GUILD = '330000000000000001';
const CHANNEL = '430000000000000001';
const MESSAGE = '1100000000000000001';
const NOW = new Date('2026-05-01T00:00:00Z');
const parse = (input: string) => parseMessageReference(input, { now: NOW });

describe('parseMessageReference: accepted', () => {
  it.each([
    [`https://discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`http://discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`https://www.discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`https://ptb.discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`https://canary.discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}/`, GUILD],
    [`https://discordapp.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`HTTPS://Discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}?foo=1`, GUILD],
    [`discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}//#frag`, GUILD],
    [`  <https://discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}>  `, GUILD],
    [`<https://discord.com/channels/@me/${CHANNEL}/${MESSAGE}>`, null],
    [`https://discord.com/channels/@me/${CHANNEL}/${MESSAGE}`, null],
    [`look at this: https://discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE} please`, GUILD],
  ])('%s', (input, guildId) => {
    expect(parse(input)).toEqual({ ok: true, messageId: MESSAGE, channelId: CHANNEL, guildId });
  });

  it.each([` ${MESSAGE} `, '175928847299117063', '41771983423143937'])('the bare message ID %j', (input) => {
    expect(parse(input)).toEqual({ ok: true, messageId: input.trim() });
  });
});

describe('parseMessageReference: refused, saying why', () => {
  it.each([
    ['', /Give a message link or ID/],
    ['hello', /not a message link or ID/],
    ['https://example.com/channels/1/2/3', /does not point to Discord/],
    ['www.example.com/x', /does not point to Discord/],
    [`https://discord.com/channels/${GUILD}/${CHANNEL}`, /link to a channel, not to a message/],
    [`https://discord.com/channels/${GUILD}/${CHANNEL}/`, /link to a channel, not to a message/],
    ['https://discord.com/users/175928847299117063', /Discord link is not a message link/],
    ['https://discord.com', /Discord link is not a message link/],
    ['https://discord.gg/abcdef', /invite, not a message link/],
    ['discord.gg/abcdef', /invite, not a message link/],
    [`https://discord.com/channels/${GUILD}/${CHANNEL}/123`, /valid message ID/],
    [`https://discord.com/channels/${GUILD}/${CHANNEL}/hello`, /valid message ID/],
    [`https://discord.com/channels/12/${CHANNEL}/${MESSAGE}`, /valid server ID/],
    [`https://discord.com/channels/${GUILD}/99/${MESSAGE}`, /valid channel ID/],
    ['12345', /`12345` is not a valid message ID/],
    ['1234567890123456', /not a valid message ID/],
    ['123456789012345678901', /not a valid message ID/],
    // 20 digits but more than 64 bits.
    ['99999999999999999999', /not a valid message ID/],
    // A well-formed snowflake from years after "now".
    ['1900000000000000000000'.slice(0, 20), /not a valid message ID/],
    // Before Discord's epoch: timestamp bits all zero.
    ['00000000000000000001', /not a valid message ID/],
  ])('%j', (input, message) => {
    const result = parse(input);
    expect(result.ok).toBe(false);
    // What the user reads: the refusal's wording.
    if (!result.ok) expect(renderUnreadableMessageReference({ problem: result.problem, input })).toMatch(message);
  });

  it('explains how to get a message link', () => {
    const result = parse('hello');
    expect(!result.ok && renderUnreadableMessageReference({ problem: result.problem, input: 'hello' })).toMatch(/Copy Message Link/);
  });
});
