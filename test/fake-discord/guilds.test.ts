import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../support/fake-discord/guilds.js';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/index.js';
import { loggedInClient } from './discord-client.js';

const GUILD = '310000000000000001';
const OPEN = '410000000000000001';
const READ_ONLY = '410000000000000002';
const HIDDEN = '410000000000000003';
const MOD = { id: '210000000000000001', username: 'mod' };
const MEMBER = { id: '210000000000000002', username: 'member' };
const MOD_ROLE = '510000000000000001';
const BASE = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;

describe('fake Discord guilds, channels and permissions', () => {
  let fake: FakeDiscord;
  const bot = (path: string, init: RequestInit = {}) =>
    fetch(`${fake.apiUrl}/v10${path}`, { ...init, headers: { authorization: `Bot ${fake.botToken}`, 'content-type': 'application/json' } });

  beforeAll(async () => {
    fake = await startFakeDiscord();
    fake.defineGuild({
      id: GUILD,
      everyone: BASE,
      roles: { [MOD_ROLE]: Permission.ManageChannels },
      members: { [fake.botUserId]: [], [MOD.id]: [MOD_ROLE], [MEMBER.id]: [] },
      channels: {
        [OPEN]: {},
        [READ_ONLY]: { overwrites: [{ id: GUILD, type: 'role', deny: Permission.SendMessages }, { id: MOD_ROLE, type: 'role', allow: Permission.SendMessages }] },
        [HIDDEN]: { overwrites: [{ id: fake.botUserId, type: 'member', deny: Permission.ViewChannel }] },
      },
    });
  });
  afterAll(() => fake?.close());

  it('serves the guild, its members and its channels with their overwrites to the bot', async () => {
    const guild = (await (await bot(`/guilds/${GUILD}`)).json()) as { roles: Array<{ id: string; permissions: string }> };
    expect(guild.roles).toContainEqual(expect.objectContaining({ id: GUILD, permissions: String(BASE) }));
    expect(await (await bot(`/guilds/${GUILD}/members/${MOD.id}`)).json()).toMatchObject({ roles: [MOD_ROLE] });
    expect((await bot(`/guilds/${GUILD}/members/210000000000000009`)).status).toBe(404);
    expect(await (await bot(`/channels/${READ_ONLY}`)).json()).toMatchObject({ guild_id: GUILD, permission_overwrites: [{ id: GUILD, type: 0, deny: String(Permission.SendMessages) }, { id: MOD_ROLE }] });
  });

  it('refuses the bot posting where it may not: Missing Access without View Channel, Missing Permissions without Send Messages', async () => {
    const post = (channel: string) => bot(`/channels/${channel}/messages`, { method: 'POST', body: JSON.stringify({ content: 'hi' }) });
    expect((await post(OPEN)).status).toBe(200);
    const readOnly = await post(READ_ONLY);
    expect([readOnly.status, ((await readOnly.json()) as { code: number }).code]).toEqual([403, 50013]);
    const hidden = await post(HIDDEN);
    expect([hidden.status, ((await hidden.json()) as { code: number }).code]).toEqual([403, 50001]);
    expect(fake.channelMessages(OPEN)).toHaveLength(1);
  });

  it('does not know a guild the bot is not in', async () => {
    fake.defineGuild({ id: '310000000000000002', everyone: BASE, members: { [MOD.id]: [] }, channels: { '410000000000000009': {} } });
    expect((await bot('/guilds/310000000000000002')).status).toBe(404);
  });

  it("resolves a CHANNEL option with the invoker's permissions there", async () => {
    const client = await loggedInClient(fake);
    try {
      const permissionsOf = async (user: typeof MOD, channel: string): Promise<bigint> => {
        const raw = new Promise<{ d: { data: { resolved: { channels: Record<string, { permissions: string }> } } } }>((resolve) => {
          const listener = (packet: { t?: string; d: unknown }): void => {
            if (packet.t !== 'INTERACTION_CREATE') return;
            client.off('raw', listener);
            resolve(packet as never);
          };
          client.on('raw', listener);
        });
        fake.slashCommand({ name: 'anything', guildId: GUILD, user, options: { channel: { type: 7, value: channel } } });
        return BigInt((await raw).d.data.resolved.channels[channel]!.permissions);
      };
      expect((await permissionsOf(MOD, READ_ONLY)) & Permission.SendMessages).toBe(Permission.SendMessages);
      expect((await permissionsOf(MEMBER, READ_ONLY)) & Permission.SendMessages).toBe(0n);
      expect((await permissionsOf(MOD, OPEN)) & Permission.ManageChannels).toBe(Permission.ManageChannels);
      expect((await permissionsOf(MEMBER, OPEN)) & Permission.ManageChannels).toBe(0n);
    } finally {
      await client.destroy();
    }
  });
});
