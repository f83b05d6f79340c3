import { describe, expect, it } from 'vitest';
import { channelPermissions, type PermissionInputs } from '../../src/transport/channel-permissions.js';

const VIEW = 1n << 10n;
const SEND = 1n << 11n;
const EMBED = 1n << 14n;
const ADMIN = 1n << 3n;
const GUILD = '300000000000000001';
const ROLE = '500000000000000001';
const BOT = '900000000000000001';

function inputs(overrides: Partial<PermissionInputs> = {}): PermissionInputs {
  return {
    guildId: GUILD,
    ownerId: '100000000000000001',
    roles: [
      { id: GUILD, permissions: String(VIEW | SEND) },
      { id: ROLE, permissions: String(EMBED) },
    ],
    memberId: BOT,
    memberRoleIds: [ROLE],
    overwrites: [],
    ...overrides,
  };
}

/* The bot's permissions in a channel, as Discord documents the computation. */
describe('channel permissions', () => {
  it("adds @everyone's and the member's roles", () => {
    expect(channelPermissions(inputs())).toBe(VIEW | SEND | EMBED);
  });

  it('lets the owner and Administrator do everything, whatever the overwrites', () => {
    const denied = [{ id: BOT, type: 1, allow: '0', deny: String(VIEW) }];
    expect(channelPermissions(inputs({ ownerId: BOT, overwrites: denied })) & SEND).toBe(SEND);
    expect(channelPermissions(inputs({ roles: [{ id: GUILD, permissions: String(ADMIN) }], overwrites: denied })) & SEND).toBe(SEND);
  });

  it('applies @everyone, then roles together, then the member: deny before allow at each step', () => {
    const everyoneDenies = { id: GUILD, type: 0, allow: '0', deny: String(SEND) };
    expect(channelPermissions(inputs({ overwrites: [everyoneDenies] })) & SEND).toBe(0n);
    const roleAllows = { id: ROLE, type: 0, allow: String(SEND), deny: '0' };
    expect(channelPermissions(inputs({ overwrites: [everyoneDenies, roleAllows] })) & SEND).toBe(SEND);
    const memberDenies = { id: BOT, type: 1, allow: '0', deny: String(SEND) };
    expect(channelPermissions(inputs({ overwrites: [everyoneDenies, roleAllows, memberDenies] })) & SEND).toBe(0n);
    const otherRole = { id: '500000000000000009', type: 0, allow: String(SEND), deny: '0' };
    expect(channelPermissions(inputs({ overwrites: [everyoneDenies, otherRole] })) & SEND).toBe(0n);
  });

  it('without View Channel, nothing else counts', () => {
    expect(channelPermissions(inputs({ overwrites: [{ id: GUILD, type: 0, allow: '0', deny: String(VIEW) }] }))).toBe(0n);
  });
});
