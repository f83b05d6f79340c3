import { describe, expect, it } from 'vitest';
import { parseMessageReference } from '../../src/messages/parse-link.js';
import { isRecent, snowflakeToDate } from '../../src/messages/snowflake.js';

const GUILD = '330000000000000001';
const CHANNEL = '430000000000000001';
const MESSAGE = '1100000000000000001';

describe('parseMessageReference', () => {
  it.each([
    [`https://discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`https://ptb.discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`https://canary.discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}/`, GUILD],
    [`https://discordapp.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}`, GUILD],
    [`discord.com/channels/${GUILD}/${CHANNEL}/${MESSAGE}?foo=1`, GUILD],
    [`<https://discord.com/channels/@me/${CHANNEL}/${MESSAGE}>`, null],
  ])('reads %s', (input, guildId) => {
    expect(parseMessageReference(input)).toEqual({ ok: true, messageId: MESSAGE, channelId: CHANNEL, guildId });
  });

  it('accepts a bare message ID', () => {
    expect(parseMessageReference(` ${MESSAGE} `)).toEqual({ ok: true, messageId: MESSAGE });
  });

  it.each([
    ['hello', /not a message link/],
    ['https://example.com/channels/1/2/3', /not a message link/],
    [`https://discord.com/channels/${GUILD}/${CHANNEL}`, /link to a channel/],
    ['12345', /not a valid message ID/],
    ['99999999999999999999', /not a valid message ID/],
  ])('explains %s', (input, message) => {
    const result = parseMessageReference(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('snowflakes', () => {
  it('turn into their creation time', () => {
    expect(snowflakeToDate('175928847299117063').toISOString()).toBe('2016-04-30T11:18:25.796Z');
    const now = new Date('2016-04-30T11:30:00Z');
    expect(isRecent('175928847299117063', now, 30 * 60_000)).toBe(true);
    expect(isRecent('175928847299117063', now, 60_000)).toBe(false);
  });
});
