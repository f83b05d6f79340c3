import { beforeEach, describe, expect, it } from 'vitest';
import type { PluralKitEmulator } from '../support/pluralkit-emulator/index.js';
import { call, useQuietEmulator } from './helpers.js';

const emulator = useQuietEmulator();
let pk: PluralKitEmulator;

beforeEach(() => {
  pk = emulator();
});

describe('seeding', () => {
  it('generates 6-letter short IDs, UUIDs and 64-char tokens by default', () => {
    const system = pk.seedSystem();
    expect(system.id).toMatch(/^[abcefghjknoprstuvwxyz]{6}$/);
    expect(system.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(system.token).toHaveLength(64);
    expect(system.accounts).toEqual([]);
  });

  it('honours explicit IDs, UUIDs and a null token', async () => {
    const system = pk.seedSystem({ id: 'exmpl', uuid: 'AAAAAAAA-0000-4000-8000-000000000000', token: null });
    expect(system).toMatchObject({ id: 'exmpl', uuid: 'aaaaaaaa-0000-4000-8000-000000000000', token: null });
    expect((await call(pk, 'GET', '/systems/exmpl')).status).toBe(200);
  });

  it('refreshToken invalidates the old token at once, like pk;token refresh', async () => {
    const system = pk.seedSystem();
    const fresh = pk.refreshToken(system.id);
    expect(fresh).not.toBe(system.token);
    expect((await call(pk, 'GET', '/systems/@me', { token: system.token! })).status).toBe(401);
    expect((await call(pk, 'GET', '/systems/@me', { token: fresh })).status).toBe(200);
  });

  it('throws on invalid seeds', () => {
    const system = pk.seedSystem({ id: 'exmpl', accounts: ['123456789012345678'] });
    const other = pk.seedSystem();
    const foreign = pk.seedMember(other.id, { name: 'Foreign' });
    expect(() => pk.seedSystem({ id: 'exmpl' })).toThrow(/already exists/);
    expect(() => pk.seedSystem({ id: 'EXMPL2' })).toThrow();
    expect(() => pk.seedSystem({ accounts: ['123456789012345678'] })).toThrow(/already linked/);
    expect(() => pk.seedSystem({ nmae: 'typo' } as never)).toThrow();
    expect(() => pk.seedSystem({ privacy: { visibility: 'private' } } as never)).toThrow();
    expect(() => pk.seedSystem({ settings: { member_limit: -1 } })).toThrow();
    expect(() => pk.seedMember('nosuch', { name: 'x' })).toThrow(/unknown system/);
    expect(() => pk.seedMember(system.id, { name: '' })).toThrow();
    expect(() => pk.seedGroup(system.id, { name: 'G', members: [foreign.id] })).toThrow(/another system/);
    expect(() => pk.seedSwitch(system.id, { timestamp: 'garbage', members: [] })).toThrow();
    pk.seedSwitch(system.id, { timestamp: '2024-01-01T00:00:00Z', members: [] });
    expect(() => pk.seedSwitch(system.id, { timestamp: new Date('2024-01-01T00:00:00Z'), members: [] })).toThrow(/already exists/);
    expect(() =>
      pk.seedMessage({ id: '1', sender: '2', channel: '3', system: system.id, member: foreign.id }),
    ).toThrow(/not in system/);
    expect(() => pk.seedSystemGuildSettings(system.id, 'abc')).toThrow();
    expect(() => pk.seedMemberGuildSettings('nosuch', '1')).toThrow();
  });

  it('resolves seed refs by short ID in any case, UUID and account ID', () => {
    const system = pk.seedSystem({ id: 'exmpl', accounts: ['123456789012345678'] });
    expect(pk.seedMember('EXMPL', { name: 'a' }).system).toBe('exmpl');
    expect(pk.seedMember(system.uuid, { name: 'b' }).system).toBe('exmpl');
    expect(pk.seedMember('123456789012345678', { name: 'c' }).system).toBe('exmpl');
  });
});
