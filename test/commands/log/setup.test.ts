import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText, startWorld, type World } from '../helpers.js';
import { channelOption, defineLogGuild, LOG_CHANNEL, NO_EMBED_CHANNEL, NO_SEND_CHANNEL } from './helpers.js';

/* /log setup's checks, in polling mode (no PUBLIC_URL): every refusal changes nothing. */
describe('/log setup checks', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
    defineLogGuild(w);
  });
  afterAll(() => w?.stop());

  const stored = () => w.h.app.services.stores.logSubscriptions.forSystem(w.system.uuid);

  it('is for servers only', async () => {
    const reply = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL) }, { guildId: null });
    expect(messageText(reply)).toMatch(/server/i);
    expect(await stored()).toEqual([]);
  });

  it('needs Manage Channels in that channel', async () => {
    defineLogGuild(w, { ownerManages: false });
    const refused = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL) });
    expect(messageText(refused)).toBe(`❌ Setting up a front log in <#${LOG_CHANNEL}> needs the **Manage Channels** permission there.`);
    expect(await stored()).toEqual([]);
    defineLogGuild(w);
  });

  it('names the permission the bot lacks in the channel', async () => {
    const noSend = await w.run('log', 'setup', { channel: channelOption(NO_SEND_CHANNEL) });
    expect(messageText(noSend)).toContain(`I'm missing **Send Messages** there`);
    const noEmbeds = await w.run('log', 'setup', { channel: channelOption(NO_EMBED_CHANNEL) });
    expect(messageText(noEmbeds)).toContain(`I'm missing **Embed Links** there`);
    expect(await stored()).toEqual([]);
  });

  it('says when the bot is not in the server at all', async () => {
    defineLogGuild(w, { botInServer: false });
    const reply = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL) });
    expect(messageText(reply)).toMatch(/not a member of this server/);
    expect(await stored()).toEqual([]);
    defineLogGuild(w);
  });

  it('sets up a polled log, one per system and channel: a second setup changes it', async () => {
    const first = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL) });
    expect(messageText(first)).toMatch(/set up in <#440000000000000001>: a message per front change, privacy public .* about every 60 seconds/);
    const second = await w.run('log', 'setup', { channel: channelOption(LOG_CHANNEL), style: 'board', privacy: 'full' });
    expect(messageText(second)).toMatch(/updated: one message kept up to date, privacy full/);
    expect((await stored()).map((s) => [s.channelId, s.style, s.privacy, s.delivery])).toEqual([[LOG_CHANNEL, 'board', 'full', 'polling']]);
    const view = await w.run('log', 'view');
    expect(messageText(view)).toMatch(/polling about every 60 s[\s\S]*Last change seen: none yet[\s\S]*Health: working/);
  });

  it('stops a log, and says there is none after', async () => {
    const stopped = await w.run('log', 'stop');
    expect(messageText(stopped)).toBe(`✅ The front log in <#${LOG_CHANNEL}> is stopped.`);
    expect(await stored()).toEqual([]);
    expect(messageText(await w.run('log', 'view'))).toMatch(/You have no front log/);
    expect(messageText(await w.run('log', 'stop'))).toMatch(/You have no front log/);
  });

  it('/help lists /log', async () => {
    const help = await w.run('help', '', {});
    expect(messageText(help)).toContain('/log');
  });
});
