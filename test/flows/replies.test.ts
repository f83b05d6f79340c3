import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESTARTING_TEXT } from '../../src/render/errors.js';
import { startHarness, type Harness } from '../support/harness.js';
import { connectToken, EPHEMERAL, messageText } from '../support/messages.js';

const OWNER = { id: '231000000000000001', username: 'owner' };
const GUILD = '331000000000000001';

describe('how replies reach users (in-process)', () => {
  let h: Harness;
  let system: { id: string; token: string | null };

  beforeAll(async () => {
    h = await startHarness();
    system = h.pluralkit.seedSystem({ name: 'Reply System', accounts: [OWNER.id] });
    await connectToken(h.discord, OWNER, system.token!);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('an error after a public deferral is sent privately and the public placeholder is removed', async () => {
    const secret = h.pluralkit.seedSystem({ name: 'Secret', privacy: { front_privacy: 'private' } });
    // Slower than the 1.5 s auto-defer, then a refusal.
    h.pluralkit.injectFault({ path: `/systems/${secret.id}/fronters`, delayMs: 1800 });
    const handle = h.discord.slashCommand({ name: 'fronters', options: { system: secret.id }, user: OWNER, guildId: GUILD });
    const initial = await handle.initialResponse();
    expect(initial.type).toBe(5);
    expect((initial.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    await h.discord.waitForRequest((request) => request.method === 'DELETE' && request.path.endsWith('/messages/@original'), { timeoutMs: 8000 });
    const [error] = handle.followUps();
    expect(error!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(error)).toMatch(/keeps its current fronters private/);
    // Nothing public was ever edited into the placeholder.
    expect(handle.edits()).toEqual([]);
  });

  it('a name with markdown and mentions shows literally in switch replies', async () => {
    h.pluralkit.seedMember(system.id, { name: '**Bold** <@123> @here' });
    const reply = await h.discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: '**Bold** <@123> @here' }, user: OWNER, guildId: GUILD }).finalMessage();
    const text = messageText(reply);
    expect(text).toMatch(/Switch registered/);
    expect(text).not.toMatch(/(^|[^\\])<@123>/);
    expect(text).toContain('\\<@123>');
    expect(text).toContain('\\*\\*Bold\\*\\*');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('a forged token form without its field gets a clear message, logged without an error stack', async () => {
    const reply = await h.discord.modalSubmit({ customId: 'token:submit', fields: {}, user: OWNER, guildId: null }).finalMessage();
    expect(messageText(reply)).toMatch(/without its token field/);
    expect(h.logs().filter((line) => line.level === 50)).toEqual([]);
  });

  it('a setup DM Discord refuses for another reason than closed DMs gets a specific message, not "something went wrong"', async () => {
    const user = { id: '231000000000000009', username: 'limited' };
    h.discord.refuseDms(user.id, { status: 403, body: { code: 40003, message: 'You are opening direct messages too fast.' } });
    const reply = await h.discord.slashCommand({ name: 'token', subcommand: 'set', user, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/couldn't send you a DM just now/);
    expect(messageText(reply)).not.toMatch(/Something went wrong/);
  });

  it('PluralKit refusals the user is told about are logged below error level, without a stack', async () => {
    const before = h.logs().length;
    const reply = await h.discord.slashCommand({ name: 'fronters', options: { system: 'zzzzzz' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(reply)).toMatch(/system was not found/);
    const lines = h.logs().slice(before);
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(lines.some((line) => line.msg === 'PluralKit refused the request' && line.status === 404)).toBe(true);
  });

  it('interactions that arrive while shutting down are told to retry, privately', async () => {
    h.pluralkit.injectFault({ path: '/systems/@me/fronters', delayMs: 2500 });
    const inFlight = h.discord.slashCommand({ name: 'fronters', options: { private: true }, user: OWNER, guildId: GUILD });
    while (!h.pluralkit.requests.some((request) => request.path === '/v2/systems/@me/fronters')) await new Promise((resolve) => setTimeout(resolve, 20));
    const stopping = h.app.stop();
    const late = h.discord.slashCommand({ name: 'help', user: OWNER, guildId: GUILD });
    const reply = await late.finalMessage();
    expect(reply.content).toBe(RESTARTING_TEXT);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    await stopping;
    expect(messageText(await inFlight.finalMessage())).toMatch(/no registered switches|fronter/i);
    await h.restart();
  });

  // Last: the 30 s hold-back it provokes would stall every later test of this app.
  it('/token status while PluralKit holds the bot back says it is busy, not unreachable', async () => {
    h.pluralkit.injectFault({ path: '/systems/@me', status: 429, body: { message: '429: too many requests', retry_after: 30_000, scope: 'generic_get', code: 0 }, times: 5 });
    const reply = await h.discord.slashCommand({ name: 'token', subcommand: 'status', user: OWNER, guildId: GUILD }).finalMessage(15_000);
    expect(messageText(reply)).toMatch(/PluralKit is busy/);
    expect(messageText(reply)).not.toMatch(/could not be reached/);
    h.pluralkit.clearFaults();
  });

});
