import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonId, connectToken, EPHEMERAL, messageText, settledAnswer } from '../support/messages.js';

const OWNER = { id: '232000000000000001', username: 'owner' };
const STRANGER = { id: '232000000000000002', username: 'stranger' };
const GUILD = '332000000000000001';
const APPLICATION_ID = '900000000000000001';

/** A `/switch out` as Discord would POST it, for replays and forged requests the fake would not make. */
function switchOutPayload(id: string, user = OWNER): Record<string, unknown> {
  return {
    id,
    application_id: APPLICATION_ID,
    type: 2,
    token: `replayed-${id}`,
    version: 1,
    data: { id: '1', name: 'switch', type: 1, options: [{ name: 'out', type: 1, options: [] }] },
    guild_id: GUILD,
    channel_id: '432000000000000001',
    member: { user: { id: user.id, username: user.username, global_name: null }, permissions: '8' },
    context: 0,
    app_permissions: '8',
  };
}

describe('Discord POSTs interactions to /interactions (DISCORD_INTERACTIONS=http)', () => {
  let h: Harness;
  let url: string;
  let system: { id: string; token: string | null };

  beforeAll(async () => {
    h = await startHarness({ transport: 'http' });
    url = `http://127.0.0.1:${h.app.httpAddress!.port}`;
    system = h.pluralkit.seedSystem({ name: 'Signed System', accounts: [OWNER.id], created: new Date(Date.now() - 10 * 86_400_000).toISOString() });
    const alice = h.pluralkit.seedMember(system.id, { name: 'Alice' });
    h.pluralkit.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3 * 86_400_000), members: [alice.id] });
    await connectToken(h.discord, OWNER, system.token!);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('answers PING with type 1 when signed, and 401 for every check Discord runs on a new endpoint', async () => {
    const ping = JSON.stringify({ id: '1', application_id: APPLICATION_ID, type: 1, token: 'ping', version: 1 });
    const good = await h.discord.signedPost(`${url}/interactions`, ping);
    expect(good.status).toBe(200);
    expect(JSON.parse(good.raw.toString('utf8'))).toEqual({ type: 1 });
    const forged = await h.discord.signedPost(`${url}/interactions`, ping, { signature: 'ab'.repeat(64) });
    const noSignature = await h.discord.signedPost(`${url}/interactions`, ping, { omit: 'signature' });
    const noTimestamp = await h.discord.signedPost(`${url}/interactions`, ping, { omit: 'timestamp' });
    const stale = await h.discord.signedPost(`${url}/interactions`, ping, { at: Date.now() - 6 * 60_000 });
    const future = await h.discord.signedPost(`${url}/interactions`, ping, { at: Date.now() + 6 * 60_000 });
    const malformed = await h.discord.signedPost(`${url}/interactions`, ping, { signature: 'not-hex' });
    expect([forged, noSignature, noTimestamp, stale, future, malformed].map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('a body changed after signing is refused, even when it means the same: the signature covers the raw bytes', async () => {
    const body = JSON.stringify(switchOutPayload('532000000000000001'));
    const respaced = await h.discord.signedPost(`${url}/interactions`, body.replace('{', '{ '), { signedBody: body });
    expect(respaced.status).toBe(401);
    const otherUser = await h.discord.signedPost(`${url}/interactions`, JSON.stringify(switchOutPayload('532000000000000001', STRANGER)), { signedBody: body });
    expect(otherUser.status).toBe(401);
  });

  it('runs a command and answers inline, with the deferral and REST edit when work is slow', async () => {
    const quick = await h.discord.slashCommand({ name: 'fronters', options: { system: system.id }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(quick)).toMatch(/Fronters/);
    h.pluralkit.injectFault({ path: `/systems/${system.id}/fronters`, delayMs: 1800 });
    const slow = h.discord.slashCommand({ name: 'fronters', options: { system: system.id }, user: OWNER, guildId: GUILD });
    expect((await slow.initialResponse()).type).toBe(5);
    expect(messageText(await slow.finalMessage(8000))).toMatch(/Fronters/);
    expect(slow.edits()).toHaveLength(1);
  });

  it('sends chart attachments inline as multipart', async () => {
    const handle = h.discord.slashCommand({ name: 'stats', subcommand: 'front', options: { private: true }, user: OWNER, guildId: GUILD });
    await settledAnswer(handle);
    const upload = h.discord.requests.find((request) => request.uploads.length > 0 && request.path.includes(handle.token))?.uploads[0];
    expect(upload?.name).toMatch(/\.png$/);
    expect(upload!.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('opens the token form in a server too (there are no DM messages over HTTP), and autocompletes', async () => {
    const setup = h.discord.slashCommand({ name: 'token', subcommand: 'set', user: STRANGER, guildId: GUILD });
    const modal = await setup.initialResponse();
    expect(modal.type).toBe(9);
    expect(JSON.stringify(modal.data)).toContain('PluralKit token');
    expect(h.discord.dmMessagesTo(STRANGER.id)).toEqual([]);
    const choices = await h.discord.autocomplete({ name: 'switch', subcommand: 'new', options: { members: 'Ali' }, focused: 'members', user: OWNER, guildId: GUILD }).initialResponse();
    expect(choices.type).toBe(8);
    expect(JSON.stringify(choices.data)).toContain('Alice');
  });

  it('confirms with a button over HTTP, and /help says the form is where the token goes', async () => {
    const prompt = await h.discord.slashCommand({ name: 'token', subcommand: 'remove', user: OWNER, guildId: GUILD }).finalMessage();
    expect(prompt.flags & EPHEMERAL).toBe(EPHEMERAL);
    const cancelled = await h.discord.button({ customId: buttonId(prompt, 'Cancel'), user: OWNER, guildId: GUILD, messageId: prompt.id }).finalMessage();
    expect(messageText(cancelled)).toMatch(/Cancelled/);
    const help = await h.discord.slashCommand({ name: 'help', user: STRANGER, guildId: GUILD }).finalMessage();
    expect(messageText(help)).toMatch(/private form/);
    const tokenHelp = await h.discord.slashCommand({ name: 'help', options: { command: 'token' }, user: STRANGER, guildId: GUILD }).finalMessage();
    expect(messageText(tokenHelp)).not.toMatch(/plain message in a DM/);
  });

  it('an interaction delivered twice runs once: the replay gets 409 and PluralKit one write', async () => {
    await h.discord.slashCommand({ name: 'switch', subcommand: 'new', options: { members: 'Alice' }, user: OWNER, guildId: GUILD }).finalMessage();
    const body = JSON.stringify(switchOutPayload('532000000000000099'));
    const before = h.pluralkit.requests.filter((r) => r.method === 'POST').length;
    const first = await h.discord.signedPost(`${url}/interactions`, body);
    const replay = await h.discord.signedPost(`${url}/interactions`, body);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.pluralkit.requests.filter((r) => r.method === 'POST').length - before).toBe(1);
  });

  it('refuses what is not an interaction without a 5xx', async () => {
    const notJson = await h.discord.signedPost(`${url}/interactions`, 'hello');
    const notInteraction = await h.discord.signedPost(`${url}/interactions`, JSON.stringify({ hello: 'world' }));
    const unknownKind = await h.discord.signedPost(`${url}/interactions`, JSON.stringify({ ...switchOutPayload('532000000000000098'), type: 42 }));
    expect([notJson.status, notInteraction.status, unknownKind.status]).toEqual([400, 400, 400]);
    const get = await fetch(`${url}/interactions`);
    const nowhere = await fetch(`${url}/nowhere`, { method: 'POST', body: '{}' });
    expect([get.status, nowhere.status]).toEqual([405, 404]);
  });

  it('APPLICATION_DEAUTHORIZED forgets the user (token, front logs); PING events and bad signatures get what Discord expects', async () => {
    const user = { id: '232000000000000003', username: 'leaving' };
    const theirs = h.pluralkit.seedSystem({ name: 'Leaving', accounts: [user.id] });
    await connectToken(h.discord, user, theirs.token!);
    expect((await h.app.services.tokens.has(user.id))).toBe(true);
    await h.app.services.stores.logSubscriptions.put({
      systemUuid: theirs.uuid, channelId: '432000000000000001', guildId: '332000000000000001', discordUserId: user.id, systemId: theirs.id, style: 'log', privacy: 'public',
      delivery: 'polling', signingToken: null, boardMessageId: null, lastPosted: null, lastEventAt: null, lastPostAt: null, health: 'ok', createdAt: 1,
    });
    const ping = await h.discord.signedPost(`${url}/discord/events`, JSON.stringify({ version: 1, application_id: APPLICATION_ID, type: 0 }));
    expect(ping.status).toBe(204);
    const event = JSON.stringify({
      version: 1,
      application_id: APPLICATION_ID,
      type: 1,
      event: { type: 'APPLICATION_DEAUTHORIZED', timestamp: new Date().toISOString(), data: { user: { id: user.id, username: user.username } } },
    });
    expect((await h.discord.signedPost(`${url}/discord/events`, event, { signature: 'cd'.repeat(64) })).status).toBe(401);
    expect((await h.app.services.tokens.has(user.id))).toBe(true);
    expect((await h.discord.signedPost(`${url}/discord/events`, event)).status).toBe(204);
    expect((await h.app.services.tokens.has(user.id))).toBe(false);
    expect(await h.app.services.stores.logSubscriptions.forUser(user.id)).toEqual([]);
  });

  it('/healthz is 200 while serving and 503 while draining; in-flight work still finishes', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    h.pluralkit.injectFault({ path: `/systems/${system.id}/fronters`, delayMs: 600 });
    const inFlight = h.discord.slashCommand({ name: 'fronters', options: { system: system.id }, user: OWNER, guildId: GUILD });
    await h.discord.waitForRequest((request) => request.path.includes(inFlight.token) || request.rawPath.includes(inFlight.token), { timeoutMs: 100 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = h.app.stop();
    const draining = await fetch(`${url}/healthz`);
    expect(draining.status).toBe(503);
    expect(await draining.text()).toBe('draining');
    await stopping;
    expect(messageText(await inFlight.finalMessage())).toMatch(/Fronters/);
    await h.restart();
    url = `http://127.0.0.1:${h.app.httpAddress!.port}`;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
