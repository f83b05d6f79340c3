import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import { EPHEMERAL, messageText } from '../../support/messages.js';
import { tokenSetupJourney } from '../../support/journeys/token-setup.js';
import { assertTokenNowhere } from '../../support/token-nowhere.js';

/* /token and /help in-process (moved from the end-to-end run, which keeps a smoke run: test/e2e/token.test.ts). */

const ALICE = { id: '200000000000000001', username: 'alice' };
const BOB = { id: '200000000000000002', username: 'bob' };
const CAROL = { id: '200000000000000003', username: 'carol' };
const GUILD = '300000000000000001';

describe('token setup (in-process)', () => {
  let world: Harness;
  let system: { id: string; uuid: string; token: string | null };

  beforeAll(async () => {
    world = await startHarness({ rateLimits: true });
    system = world.pluralkit.seedSystem({ name: 'The Alpha System' });
  });

  afterAll(async () => {
    if (system.token) assertTokenNowhere(world, system.token);
    await world.stop();
  });

  tokenSetupJourney(() => ({ discord: world.discord, system, user: ALICE, guildId: GUILD }));

  it('/token set in a DM opens the modal at once', async () => {
    const response = await world.discord.slashCommand({ name: 'token', subcommand: 'set', user: BOB, guildId: null }).initialResponse();
    expect(response.type).toBe(9);
  });

  it('an invalid token is refused with the reason and not stored', async () => {
    const bogus = 'A'.repeat(64);
    const reply = await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: bogus }, user: BOB, guildId: null }).finalMessage();
    expect(messageText(reply)).toMatch(/did not accept that token/);
    const status = await world.discord.slashCommand({ name: 'token', subcommand: 'status', user: BOB, guildId: null }).finalMessage();
    expect(messageText(status)).toMatch(/No PluralKit token is stored/);
  });

  it('text that is not a token is refused without asking PluralKit', async () => {
    world.pluralkit.clearRequests();
    const reply = await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: 'my password is hunter2' }, user: BOB, guildId: null }).finalMessage();
    expect(messageText(reply)).toMatch(/doesn't look like a PluralKit token/);
    expect(world.pluralkit.requests.length).toBe(0);
  });

  it('PluralKit being down during setup is explained and nothing is stored', async () => {
    const other = world.pluralkit.seedSystem({ name: 'Down Test' });
    world.pluralkit.injectFault({ path: '/systems/@me', status: 503, times: 10 });
    const reply = await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: other.token! }, user: CAROL, guildId: null }).finalMessage(15_000);
    expect(messageText(reply)).toMatch(/could not be reached/);
    world.pluralkit.clearFaults();
    const status = await world.discord.slashCommand({ name: 'token', subcommand: 'status', user: CAROL, guildId: null }).finalMessage();
    expect(messageText(status)).toMatch(/No PluralKit token is stored/);
    assertTokenNowhere(world, other.token!);
  }, 30_000);

  it('a token pasted as a plain DM message works too', async () => {
    const other = world.pluralkit.seedSystem({ name: 'Paste System' });
    const before = world.discord.dmMessagesTo(CAROL.id).length;
    await world.discord.directMessage({ user: CAROL, content: ` ${other.token!} ` });
    await world.discord.waitForRequest((r) => r.method === 'POST' && /\/channels\/[^/]+\/messages$/.test(r.path) && world.discord.dmMessagesTo(CAROL.id).length > before);
    const dms = world.discord.dmMessagesTo(CAROL.id);
    const last = dms[dms.length - 1]!.body as { content: string };
    expect(last.content).toContain('Paste System');
    expect(last.content).toContain(other.id);
    assertTokenNowhere(world, other.token!);
  });

  it('/token remove asks first; only the invoker can confirm; then the token is gone', async () => {
    const prompt = await world.discord.slashCommand({ name: 'token', subcommand: 'remove', user: ALICE, guildId: GUILD }).finalMessage();
    const confirmId = (prompt.components[0].components as Array<{ custom_id: string; label: string }>).find((b) => b.label === 'Forget token')!.custom_id;

    const intruderPress = world.discord.button({ customId: confirmId, user: BOB, guildId: GUILD });
    expect(messageText(await intruderPress.finalMessage())).toMatch(/only they can answer/);
    expect((await intruderPress.initialResponse()).type).toBe(4);

    const done = await world.discord.button({ customId: confirmId, user: ALICE, guildId: GUILD }).finalMessage();
    expect(messageText(done)).toMatch(/forgotten/);
    // No front logs to end: the reply does not speak of them.
    expect(messageText(done)).not.toMatch(/front log/);
    const status = await world.discord.slashCommand({ name: 'token', subcommand: 'status', user: ALICE, guildId: GUILD }).finalMessage();
    expect(messageText(status)).toMatch(/No PluralKit token is stored/);
  });

  it('a token later refreshed on PluralKit is reported as no longer working', async () => {
    const revoked = world.pluralkit.seedSystem({ name: 'Revoked System' });
    await world.discord.modalSubmit({ customId: 'token:submit', fields: { token: revoked.token! }, user: ALICE, guildId: null }).finalMessage();
    world.pluralkit.refreshToken(revoked.id);
    const status = await world.discord.slashCommand({ name: 'token', subcommand: 'status', user: ALICE, guildId: null }).finalMessage();
    expect(messageText(status)).toMatch(/no longer works/);
    expect(messageText(status)).toMatch(/\/token set/);
    assertTokenNowhere(world, revoked.token!);
  });

  it('closed DMs: /token set in a server says how to open them', async () => {
    world.discord.setDmsClosed(BOB.id, true);
    const reply = await world.discord.slashCommand({ name: 'token', subcommand: 'set', user: BOB, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toMatch(/DMs are closed/);
  });

  it('/help lists the commands, ephemerally, with no mentions allowed', async () => {
    const reply = await world.discord.slashCommand({ name: 'help', user: BOB, guildId: GUILD }).finalMessage();
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(messageText(reply)).toContain('/token set');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });
});
