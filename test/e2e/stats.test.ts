import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledAnswer } from '../support/messages.js';
import { connect, EPHEMERAL, messageText, startWorld, TRANSPORTS, type E2EWorld } from './helpers.js';

const OWNER = { id: '221000000000000001', username: 'owner' };
const GUILD = '321000000000000001';
const DAY = 86_400_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(TRANSPORTS)('/stats on the real bot process (%s)', (transport) => {
  let world: E2EWorld;

  beforeAll(async () => {
    world = await startWorld({ transport });
    world.pluralkit.setRateLimits(false);
    const own = world.pluralkit.seedSystem({ name: 'Chart System', accounts: [OWNER.id] });
    const alice = world.pluralkit.seedMember(own.id, { name: 'Alice', color: 'ff7000' });
    const mika = world.pluralkit.seedMember(own.id, { name: 'Mika ✨' });
    world.pluralkit.seedSwitch(own.id, { timestamp: new Date(Date.now() - 5 * DAY), members: [alice.id] });
    world.pluralkit.seedSwitch(own.id, { timestamp: new Date(Date.now() - 2 * DAY), members: [mika.id] });
    await connect(world, OWNER, own.token!);
  }, 30_000);

  afterAll(async () => {
    await world.stop();
  });

  it('/stats front in a server: a public PNG chart and the table', async () => {
    const handle = world.discord.slashCommand({ name: 'stats', subcommand: 'front', user: OWNER, guildId: GUILD });
    const reply = await settledAnswer(handle, 20_000);
    expect(reply.flags & EPHEMERAL).toBe(0);
    expect(messageText(reply)).toMatch(/\*\*Alice\*\* — /);
    expect(messageText(reply)).toMatch(/Mika ✨/);
    const upload = world.discord.requests.find((request) => request.uploads.length > 0 && request.path.includes(handle.token))?.uploads[0];
    expect(upload?.name).toBe('front.png');
    expect(upload!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(upload!.bytes.length).toBeGreaterThan(2000);
  });

  it('/stats timeline private in a DM: only the owner sees it', async () => {
    const reply = await settledAnswer(world.discord.slashCommand({ name: 'stats', subcommand: 'timeline', options: { private: true, range: '7d' }, user: OWNER, guildId: null }), 20_000);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.embeds[0].image.url).toBe('attachment://timeline.png');
  });
});
