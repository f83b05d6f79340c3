import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId, GUILD, messageText, OWNER, type World } from '../helpers.js';
import { channelOption, LOG_CHANNEL, passAggregation, postsIn, startDispatchWorld } from './helpers.js';

/* Dispatch logs over time: another tool's URL, corrections, a bad signing token, the end of a log with the token. */
describe('/log lifecycle', () => {
  let w: World;
  let url: string;
  let alice: { id: string };
  let bea: { id: string };

  beforeAll(async () => {
    ({ w, url, alice, bea } = await startDispatchWorld());
  });
  afterAll(() => w?.stop());

  async function connect(reply: Parameters<typeof buttonId>[0]): Promise<void> {
    await w.h.pluralkit.dispatch.setWebhookUrl(w.system.id, url, {
      beforeTest: async (token) => {
        const opened = await w.h.discord.button({ customId: buttonId(reply, 'Enter signing token'), user: OWNER, guildId: GUILD }).initialResponse();
        await w.h.discord.modalSubmit({ customId: opened.data!.custom_id as string, fields: { signing_token: token }, user: OWNER, guildId: GUILD }).finalMessage();
      },
    });
  }

  it('warns before displacing another webhook_url, and sets up only when confirmed', async () => {
    // Another tool takes PluralKit's URL test: 200 for the real token (the first PING), 401 for the forged one.
    let pings = 0;
    const otherTool = createServer((request, response) => {
      request.resume();
      response.writeHead(pings++ === 0 ? 200 : 401).end();
    });
    await new Promise<void>((resolve) => otherTool.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(otherTool.address() as AddressInfo).port}/hook`;
    await w.h.pluralkit.dispatch.setWebhookUrl(w.system.id, otherUrl);
    otherTool.close();
    const prompt = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL), style: 'log' });
    expect(messageText(prompt)).toContain(`points elsewhere: \`${otherUrl}\``);
    expect(await w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid)).toEqual([]);
    const confirmed = await w.press(prompt, 'Set up anyway');
    expect(messageText(confirmed)).toContain(`pk;system webhook ${url}`);
    expect(await w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid)).toHaveLength(1);
    await connect(confirmed);
  });

  it('refuses what is not a signing token, and keeps nothing', async () => {
    const reply = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL), style: 'log' });
    const opened = await w.h.discord.button({ customId: buttonId(reply, 'Enter signing token'), user: OWNER, guildId: GUILD }).initialResponse();
    const before = (await w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid))[0]!.signingToken;
    const refused = await w.h.discord.modalSubmit({ customId: opened.data!.custom_id as string, fields: { signing_token: 'not a token' }, user: OWNER, guildId: GUILD }).finalMessage();
    expect(messageText(refused)).toMatch(/isn't a PluralKit signing token/);
    expect((await w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid))[0]!.signingToken).toEqual(before);
  });

  it('a log style posts a message per change, and an edited switch corrects the last post instead of adding one', async () => {
    const side = w.h.pluralkit.asPluralKit(w.system.id);
    const created = side.request('POST', '/systems/@me/switches', { members: [alice.id] }) as { body: { id: string } };
    await w.h.pluralkit.dispatch.waitForDeliveries(1, { type: 'CREATE_SWITCH' });
    await passAggregation(w, LOG_CHANNEL);
    expect(postsIn(w, LOG_CHANNEL)).toHaveLength(1);
    side.request('PATCH', `/systems/@me/switches/${created.body.id}/members`, [bea.id]);
    await w.h.pluralkit.dispatch.waitForDeliveries(1, { type: 'UPDATE_SWITCH' });
    await passAggregation(w, LOG_CHANNEL);
    const posts = postsIn(w, LOG_CHANNEL);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain('**Bea**');
    expect(posts[0]).toContain('Corrected');
  });

  it('a member made in PluralKit itself (CREATE_MEMBER) is offered by autocomplete at once: the cached list was dropped', async () => {
    const choices = async (typed: string): Promise<string> => {
      const answer = await w.h.discord.autocomplete({ name: 'member', subcommand: 'view', options: { member: typed }, focused: 'member', user: OWNER, guildId: null }).initialResponse();
      return (answer.data!.choices as Array<{ name: string }>).map((choice) => choice.name).join();
    };
    expect(await choices('a')).toContain('Alice');
    const created = w.h.pluralkit.dispatch.deliveries.filter((delivery) => delivery.type === 'CREATE_MEMBER').length;
    w.h.pluralkit.asPluralKit(w.system.id).request('POST', '/members', { name: 'Zelda' });
    await w.h.pluralkit.dispatch.waitForDeliveries(created + 1, { type: 'CREATE_MEMBER' });
    expect(await choices('zel')).toContain('Zelda');
  });

  it('/token remove ends the user’s logs and says how many', async () => {
    const logs = await w.h.app.services.stores.logSubscriptions.forUser(OWNER.id);
    expect(logs).toHaveLength(1);
    // A second log of the same system, in another channel: the reply counts both.
    await w.h.app.services.stores.logSubscriptions.put({ ...logs[0]!, channelId: '440000000000000009' });
    const prompt = await w.run('token', 'remove');
    const done = await w.press(prompt, 'Forget token');
    expect(messageText(done)).toMatch(/token is forgotten/);
    expect(messageText(done)).toMatch(/Your 2 front logs were ended/);
    expect(await w.h.app.services.stores.logSubscriptions.forUser(OWNER.id)).toEqual([]);
  });
});
