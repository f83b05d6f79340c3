import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import {
  AutoproxySettingsSchema,
  GroupSchema,
  MemberGuildSettingsSchema,
  MemberSchema,
  MessageSchema,
  PublicSystemSettingsSchema,
  SwitchSchema,
  SwitchSummarySchema,
  SystemGuildSettingsSchema,
  SystemSchema,
  SystemSettingsSchema,
} from '../../src/pluralkit/models.js';
import { responseSchema } from '../../src/pluralkit/response-schema.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * Responses are validated against the model with every defaulted key required first, and against
 * the model itself only when that fails: the same output either way, and PluralKit's real answers
 * (as the emulator gives them) all take the cheap path.
 */

let emulator: PluralKitEmulator;
let client: PluralKitClient;
const GUILD = '123456789012345678';

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: false });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', publicViewTtlMs: 0 });
});
afterEach(async () => {
  await client.close();
});

async function answer(path: string, token?: string): Promise<unknown> {
  const response = await fetch(`${emulator.url}${path}`, { headers: { 'user-agent': 'switchboard-tests', ...(token ? { authorization: token } : {}) } });
  expect(response.status).toBe(200);
  return response.json();
}

function world() {
  const system = emulator.seedSystem({ name: 'Whole', accounts: ['296000000000000001'], privacy: { description_privacy: 'private' } });
  const alice = emulator.seedMember(system.id, { name: 'Alice', proxy_tags: [{ prefix: 'a:' }], birthday: '2000-05-01' });
  const bob = emulator.seedMember(system.id, { name: 'Bob', privacy: { visibility: 'private' } });
  emulator.seedGroup(system.id, { name: 'Group', members: [alice.id, bob.id] });
  emulator.seedSwitch(system.id, { timestamp: '2024-05-01T12:00:00Z', members: [alice.id, bob.id] });
  emulator.seedSystemGuildSettings(system.id, GUILD, { tag: 'x' });
  emulator.seedMemberGuildSettings(alice.id, GUILD, { display_name: 'Al' });
  emulator.seedAutoproxy(system.id, GUILD, { autoproxy_mode: 'front' });
  const message = '1111111111111111111';
  emulator.seedMessage({ id: message, sender: '296000000000000001', channel: '222222222222222222', guild: GUILD, system: system.id, member: alice.id });
  return { system, alice, token: system.token!, message };
}

describe('the complete model first', () => {
  it('takes every answer the emulator gives, owner and public views alike, with the output of the model itself', async () => {
    const { system, alice, token, message } = world();
    const cases: Array<[string, z.ZodType, string, string?]> = [
      ['system, owner', SystemSchema, '/systems/@me', token],
      ['system, public', SystemSchema, `/systems/${system.id}`],
      ['settings, owner', SystemSettingsSchema, '/systems/@me/settings', token],
      ['settings, public', PublicSystemSettingsSchema, `/systems/${system.id}/settings`],
      ['system guild settings', SystemGuildSettingsSchema, `/systems/@me/guilds/${GUILD}`, token],
      ['autoproxy', AutoproxySettingsSchema, `/systems/@me/autoproxy?guild_id=${GUILD}`, token],
      ['members, owner', z.array(MemberSchema), '/systems/@me/members', token],
      ['members, public', z.array(MemberSchema), `/systems/${system.id}/members`],
      ['member', MemberSchema, `/members/${alice.id}`],
      ['member guild settings', MemberGuildSettingsSchema, `/members/${alice.id}/guilds/${GUILD}`, token],
      ['member groups', z.array(GroupSchema), `/members/${alice.id}/groups`, token],
      ['groups with members', z.array(GroupSchema), '/systems/@me/groups?with_members=true', token],
      ['fronters', SwitchSchema, '/systems/@me/fronters', token],
      ['switch list', z.array(SwitchSummarySchema), '/systems/@me/switches', token],
      ['message', MessageSchema, `/messages/${message}`],
    ];
    for (const [name, model, path, auth] of cases) {
      const json = await answer(path, auth);
      const schema = responseSchema(model);
      const complete = schema.complete.safeParse(json);
      expect(complete.success, `${name}: ${complete.error?.issues[0]?.path.join('.')}`).toBe(true);
      expect(complete.data, name).toEqual(model.parse(json));
    }
  });

  it('an answer that lacks a defaulted key gets the model\'s default; a wrong type is still refused', async () => {
    const { system } = world();
    const full = (await answer(`/systems/${system.id}`)) as Record<string, unknown>;
    const { banner: _banner, privacy: _privacy, ...lacking } = full;
    expect(responseSchema(SystemSchema).complete.safeParse(lacking).success).toBe(false);
    emulator.injectFault({ path: `/systems/${system.id}`, status: 200, body: lacking });
    const read = await client.getSystem(system.id);
    expect(read).toMatchObject({ id: system.id, banner: null, privacy: null });

    emulator.injectFault({ path: `/systems/${system.id}`, status: 200, body: { ...full, banner: 42 } });
    await expect(client.getSystem(system.id)).rejects.toMatchObject({ kind: 'malformed-response', message: expect.stringContaining('banner') });
  });

  it('drops keys PluralKit may add later, on both paths', () => {
    const schema = responseSchema(SwitchSummarySchema);
    const value = { id: 'x', timestamp: '2024-05-01T12:00:00Z', members: [], secret: 'new private field' };
    expect(schema.complete.parse(value)).toEqual({ id: 'x', timestamp: '2024-05-01T12:00:00Z', members: [] });
    expect(schema.model.parse(value)).not.toHaveProperty('secret');
  });
});
