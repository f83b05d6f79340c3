import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId, connect, EPHEMERAL, messageText, startWorld, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '224000000000000001', username: 'owner' };
const GUILD = '324000000000000001';

/* One smoke run of /system through the real bot process; the details are in test/commands/system/. */
describe.each(TRANSPORTS)('/system through the real bot process (%s)', (transport) => {
  let world: E2EWorld;
  let own: { id: string; token: string | null };

  const system = (subcommand: string, options: Record<string, string | boolean> = {}, group?: string) =>
    world.discord.slashCommand({ name: 'system', ...(group ? { subcommandGroup: group } : {}), subcommand, options, user: OWNER, guildId: GUILD }).finalMessage(10_000);

  beforeAll(async () => {
    world = await startWorld({ transport });
    world.pluralkit.setRateLimits(false);
    own = world.pluralkit.seedSystem({ name: 'Smoke', description: 'Secret', accounts: [OWNER.id], privacy: { description_privacy: 'private' } });
    world.pluralkit.seedMember(own.id, { name: 'Alice' });
    world.pluralkit.seedSystemGuildSettings(own.id, GUILD);
    await connect(world, OWNER, own.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('view: the public card in the channel, the owner view only to the owner', async () => {
    const card = await system('view');
    expect(card.flags & EPHEMERAL).toBe(0);
    expect(card.embeds[0].title).toBe('Smoke');
    expect(messageText(card)).not.toContain('Secret');
    expect(card.allowed_mentions).toEqual({ parse: [] });
    const own = await system('view', { private: true });
    expect(own.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(own)).toContain('Secret');
  });

  it('edit, clear after a confirm, privacy', async () => {
    expect(messageText(await system('edit', { tag: '| smoke' }))).toContain('**Tag:** *not set* → \\| smoke');
    const prompt = await system('edit', { clear: 'tag' });
    const cleared = await world.discord.button({ customId: buttonId(prompt, 'Clear'), user: OWNER, guildId: GUILD }).finalMessage(10_000);
    expect(messageText(cleared)).toContain('**Tag:** \\| smoke → *not set*');
    expect(messageText(await system('privacy', { subject: 'description', level: 'public' }))).toContain('**Description:** private → public');
  });

  it('settings view and edit; server view and edit', async () => {
    expect((await system('view', {}, 'settings')).embeds[0].title).toBe('Settings of your system');
    expect(messageText(await system('edit', { timezone: 'Europe/Berlin' }, 'settings'))).toContain('**Time zone:** UTC → Europe/Berlin');
    expect(messageText(await system('view', {}, 'server'))).toMatch(/Proxying\non/);
    expect(messageText(await system('edit', { proxying: false }, 'server'))).toContain('**Proxying:** on → off');
  });
});
