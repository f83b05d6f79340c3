import { beforeEach, describe, expect, it } from 'vitest';
import type { DispatchEnvelope, PluralKitEmulator, SeededMember, SeededSystem } from '../support/pluralkit-emulator/index.js';
import { registerReceiverQuietly, useDispatchEnvironment, type DispatchReceiver } from './dispatch-receiver.js';
import { call, expectPkError } from './helpers.js';

const environment = useDispatchEnvironment();
let pk: PluralKitEmulator;
let receiver: DispatchReceiver;
let system: SeededSystem;
let token: string;
let alice: SeededMember;
let bob: SeededMember;

const GUILD = '200000000000000001';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

beforeEach(async () => {
  ({ pk, receiver } = environment());
  system = pk.seedSystem({ name: 'Hooked', accounts: ['100000000000000001'] });
  // Created in this order on purpose: dispatch lists members in table order, not switch order.
  alice = pk.seedMember(system.id, { name: 'Alice' });
  bob = pk.seedMember(system.id, { name: 'Bob' });
  token = await registerReceiverQuietly(environment(), system.id);
});

function write(method: string, path: string, body?: unknown) {
  return call(pk, method, path, { token: system.token, body });
}

/** The next `count` envelopes, in emission order, once all were answered 200. */
async function envelopes(count: number): Promise<DispatchEnvelope[]> {
  await pk.dispatch.waitForDeliveries(count);
  expect(pk.dispatch.deliveries).toHaveLength(count);
  expect(pk.dispatch.deliveries.map((delivery) => delivery.status)).toEqual(Array<number>(count).fill(200));
  return pk.dispatch.deliveries.map((delivery) => delivery.envelope);
}

async function onlyEnvelope(): Promise<DispatchEnvelope> {
  const [envelope] = await envelopes(1);
  return envelope!;
}

describe('the envelope', () => {
  it('carries type, the signing token, the system UUID, id and data, in that order, and reaches the receiver as sent', async () => {
    await write('PATCH', '/systems/@me', { name: 'Renamed' });
    const envelope = await onlyEnvelope();
    expect(Object.keys(envelope)).toEqual(['type', 'signing_token', 'system_id', 'id', 'data']);
    expect(envelope).toEqual({ type: 'UPDATE_SYSTEM', signing_token: token, system_id: system.uuid, id: null, data: { name: 'Renamed' } });
    expect(receiver.posts.map((post) => post.envelope)).toEqual([envelope]);
    expect(receiver.posts[0]?.headers['user-agent']).toBe('PluralKit Dispatch (https://pluralkit.me/api/dispatch/)');
    expect(receiver.posts[0]?.headers['content-type']).toBe('application/json');
  });

  it('goes only to the system that was written to', async () => {
    const other = pk.seedSystem();
    await call(pk, 'PATCH', '/systems/@me', { token: other.token, body: { name: 'Elsewhere' } });
    expect(pk.dispatch.deliveries).toEqual([]);
  });

  it('is not sent for a refused write', async () => {
    expectPkError(await write('PATCH', '/systems/@me', { color: 'nothex' }), 400, 40001);
    expect((await write('PATCH', '/systems/@me', {})).status).toBe(400);
    expectPkError(await write('POST', '/systems/@me/switches', { members: [alice.id, alice.id] }), 400, 40003);
    expect(pk.dispatch.deliveries).toEqual([]);
  });
});

describe('system and settings', () => {
  it('UPDATE_SYSTEM carries the changed keys and only the changed privacy keys', async () => {
    await write('PATCH', '/systems/@me', { privacy: { front_privacy: 'private', name_privacy: 'private' }, color: 'ABCDEF', description: null });
    expect((await onlyEnvelope()).data).toEqual({
      description: null,
      color: 'ABCDEF',
      privacy: { name_privacy: 'private', front_privacy: 'private' },
    });
    expect(Object.keys((await onlyEnvelope()).data!)).toEqual(['description', 'color', 'privacy']);
  });

  it('UPDATE_SETTINGS carries the changed settings', async () => {
    await write('PATCH', '/systems/@me/settings', { timezone: 'Europe/Paris', proxy_switch: 'bogus', latch_timeout: 0 });
    expect(await onlyEnvelope()).toMatchObject({
      type: 'UPDATE_SETTINGS',
      id: null,
      data: { timezone: 'Europe/Paris', latch_timeout: 0, proxy_switch: 'off' },
    });
  });

  it('UPDATE_SYSTEM_GUILD carries the guild ID and the changed keys', async () => {
    pk.seedSystemGuildSettings(system.id, GUILD);
    await write('PATCH', `/systems/@me/guilds/${GUILD}`, { tag: '[x]', proxying_enabled: false });
    expect(await onlyEnvelope()).toMatchObject({
      type: 'UPDATE_SYSTEM_GUILD',
      id: null,
      data: { guild_id: GUILD, proxying_enabled: false, tag: '[x]' },
    });
  });

  it('UPDATE_AUTOPROXY carries guild and channel IDs, the mode, and the member as a UUID', async () => {
    await write('PATCH', `/systems/@me/autoproxy?guild_id=${GUILD}`, { autoproxy_mode: 'member', autoproxy_member: bob.id });
    await write('PATCH', `/systems/@me/autoproxy?guild_id=${GUILD}`, { autoproxy_mode: 'latch' });
    await write('PATCH', `/systems/@me/autoproxy?guild_id=${GUILD}`, { autoproxy_mode: 'off' });
    expect((await envelopes(3)).map((envelope) => envelope.data)).toEqual([
      { guild_id: GUILD, channel_id: null, autoproxy_mode: 'member', autoproxy_member: bob.uuid },
      { guild_id: GUILD, channel_id: null, autoproxy_mode: 'latch' },
      { guild_id: GUILD, channel_id: null, autoproxy_mode: 'off', autoproxy_member: null },
    ]);
  });

  it('reading autoproxy (which creates its row) sends nothing', async () => {
    expect((await write('GET', `/systems/@me/autoproxy?guild_id=${GUILD}`)).status).toBe(200);
    expect(pk.dispatch.deliveries).toEqual([]);
  });
});

describe('members and groups', () => {
  it('CREATE_MEMBER carries every key of the create body, with the new member UUID as id', async () => {
    const created = (await write('POST', '/members', { name: 'Cass', color: 'FF0000', proxy_tags: [{ prefix: 'c:' }], privacy: { visibility: 'private' } }))
      .json as { uuid: string };
    expect(await onlyEnvelope()).toEqual({
      type: 'CREATE_MEMBER',
      signing_token: token,
      system_id: system.uuid,
      id: created.uuid,
      data: { name: 'Cass', color: 'ff0000', proxy_tags: [{ prefix: 'c:', suffix: null }], privacy: { visibility: 'private' } },
    });
  });

  it('UPDATE_MEMBER carries the changed keys; DELETE_MEMBER has no data', async () => {
    await write('PATCH', `/members/${alice.id}`, { pronouns: 'she/her', birthday: '2000-02-29' });
    await write('DELETE', `/members/${alice.id}`);
    expect(await envelopes(2)).toEqual([
      { type: 'UPDATE_MEMBER', signing_token: token, system_id: system.uuid, id: alice.uuid, data: { birthday: '2000-02-29', pronouns: 'she/her' } },
      { type: 'DELETE_MEMBER', signing_token: token, system_id: system.uuid, id: alice.uuid, data: null },
    ]);
  });

  it('UPDATE_MEMBER_GUILD carries the guild ID, with the member UUID as id', async () => {
    pk.seedMemberGuildSettings(alice.id, GUILD);
    await write('PATCH', `/members/${alice.id}/guilds/${GUILD}`, { display_name: 'Al' });
    expect(await onlyEnvelope()).toMatchObject({ type: 'UPDATE_MEMBER_GUILD', id: alice.uuid, data: { guild_id: GUILD, display_name: 'Al' } });
  });

  it('CREATE_GROUP, UPDATE_GROUP and DELETE_GROUP mirror the member events', async () => {
    const group = (await write('POST', '/groups', { name: 'Crew', privacy: { list_privacy: 'private' } })).json as { id: string; uuid: string };
    await write('PATCH', `/groups/${group.id}`, { display_name: 'The Crew' });
    await write('DELETE', `/groups/${group.id}`);
    expect((await envelopes(3)).map(({ type, id, data }) => ({ type, id, data }))).toEqual([
      { type: 'CREATE_GROUP', id: group.uuid, data: { name: 'Crew', privacy: { list_privacy: 'private' } } },
      { type: 'UPDATE_GROUP', id: group.uuid, data: { display_name: 'The Crew' } },
      { type: 'DELETE_GROUP', id: group.uuid, data: null },
    ]);
  });

  it('sends nothing for group membership changes (PluralKit never calls UPDATE_GROUP_MEMBERS)', async () => {
    const group = pk.seedGroup(system.id, { name: 'Crew' });
    expect((await write('POST', `/groups/${group.id}/members/add`, [alice.id])).status).toBe(204);
    expect((await write('POST', `/groups/${group.id}/members/overwrite`, [bob.id])).status).toBe(204);
    expect((await write('POST', `/groups/${group.id}/members/remove`, [bob.id])).status).toBe(204);
    expect((await write('POST', `/members/${alice.id}/groups/add`, [group.id])).status).toBe(204);
    expect((await write('POST', `/members/${alice.id}/groups/overwrite`, [])).status).toBe(204);
    expect(pk.dispatch.deliveries).toEqual([]);
  });
});

describe('switches', () => {
  it('CREATE_SWITCH carries id, timestamp and member UUIDs (in table order, not the switch order)', async () => {
    const created = (await write('POST', '/systems/@me/switches', { members: [bob.id, alice.id] })).json as { id: string; timestamp: string };
    expect(await onlyEnvelope()).toEqual({
      type: 'CREATE_SWITCH',
      signing_token: token,
      system_id: system.uuid,
      id: created.id,
      data: { id: created.id, timestamp: created.timestamp, members: [alice.uuid, bob.uuid] },
    });
  });

  it('a switch-out has an empty member list', async () => {
    await write('POST', '/systems/@me/switches', { members: [] });
    expect((await onlyEnvelope()).data).toMatchObject({ members: [] });
  });

  it('an API switch with a timestamp is created now and then moved: CREATE_SWITCH, then UPDATE_SWITCH with the timestamp', async () => {
    const created = (await write('POST', '/systems/@me/switches', { timestamp: '2024-05-01T12:00:00.25Z', members: [alice.id] })).json as {
      id: string;
    };
    const [create, move] = await envelopes(2);
    expect(create?.type).toBe('CREATE_SWITCH');
    expect(create?.data?.timestamp).toMatch(ISO);
    expect(create?.data?.timestamp).not.toBe('2024-05-01T12:00:00.25Z');
    expect(move).toEqual({ type: 'UPDATE_SWITCH', signing_token: token, system_id: system.uuid, id: created.id, data: { timestamp: '2024-05-01T12:00:00.25Z' } });
  });

  it('moving, re-membering and deleting a switch send UPDATE_SWITCH {timestamp}, UPDATE_SWITCH {members} and DELETE_SWITCH', async () => {
    const entry = pk.seedSwitch(system.id, { timestamp: '2024-05-01T10:00:00Z', members: [alice.id] });
    await write('PATCH', `/systems/@me/switches/${entry.id}`, { timestamp: '2024-05-01T09:30:00+01:00' });
    await write('PATCH', `/systems/@me/switches/${entry.id}/members`, [bob.id]);
    await write('DELETE', `/systems/@me/switches/${entry.id}`);
    expect((await envelopes(3)).map(({ type, id, data }) => ({ type, id, data }))).toEqual([
      { type: 'UPDATE_SWITCH', id: entry.id, data: { timestamp: '2024-05-01T08:30:00Z' } },
      { type: 'UPDATE_SWITCH', id: entry.id, data: { members: [bob.uuid] } },
      { type: 'DELETE_SWITCH', id: entry.id, data: null },
    ]);
  });

  it('seeding is history, not a write: seeds send nothing', () => {
    pk.seedSwitch(system.id, { timestamp: '2024-05-01T10:00:00Z', members: [alice.id] });
    pk.seedMember(system.id, { name: 'Dee' });
    expect(pk.dispatch.deliveries).toEqual([]);
  });
});

describe('writes made inside PluralKit (pk; commands, dashboard, proxying)', () => {
  it('a dashboard-style request dispatches like the API, without rate limiting and outside the request log', async () => {
    pk.setRateLimits(true);
    const entry = pk.seedSwitch(system.id, { timestamp: '2024-05-01T10:00:00Z', members: [alice.id] });
    pk.clearRequests();
    for (let index = 0; index < 5; index++) {
      const reply = pk.asPluralKit(system.id).request('PATCH', `/systems/@me/switches/${entry.id}`, { timestamp: `2024-05-01T0${index}:00:00Z` });
      expect(reply.status).toBe(200);
    }
    expect(pk.requests).toEqual([]);
    expect((await envelopes(5)).map((envelope) => envelope.data)).toEqual(
      [0, 1, 2, 3, 4].map((index) => ({ timestamp: `2024-05-01T0${index}:00:00Z` })),
    );
    pk.setRateLimits(false);
  });

  it('refused in-process writes answer like the API and send nothing', () => {
    const reply = pk.asPluralKit(system.id).request('POST', '/systems/@me/switches', { members: ['nobody'] });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: "Member 'nobody' not found.", code: 20003 });
    expect(pk.dispatch.deliveries).toEqual([]);
  });

  it('pk;switch delete all sends DELETE_ALL_SWITCHES with neither id nor data', async () => {
    pk.seedSwitch(system.id, { timestamp: '2024-05-01T10:00:00Z', members: [alice.id] });
    pk.asPluralKit(system.id).deleteAllSwitches();
    expect(await onlyEnvelope()).toEqual({ type: 'DELETE_ALL_SWITCHES', signing_token: token, system_id: system.uuid, id: null, data: null });
    expect((await write('GET', '/systems/@me/fronters')).status).toBe(204);
  });

  it('pk;link and pk;unlink send the account ID as id', async () => {
    const side = pk.asPluralKit(system.id);
    side.linkAccount('100000000000000002');
    side.unlinkAccount('100000000000000001');
    expect((await envelopes(2)).map(({ type, id, data }) => ({ type, id, data }))).toEqual([
      { type: 'LINK_ACCOUNT', id: '100000000000000002', data: null },
      { type: 'UNLINK_ACCOUNT', id: '100000000000000001', data: null },
    ]);
    expect(() => side.unlinkAccount('100000000000000002')).toThrow(/only account/);
    expect(() => pk.asPluralKit(pk.seedSystem().id).linkAccount('100000000000000002')).toThrow(/already has a system/);
  });

  it('a proxied message sends CREATE_MESSAGE with the full message in the owner view and counts the message', async () => {
    const message = pk.asPluralKit(system.id).proxyMessage({ member: alice.id, channel: '300000000000000001', guild: GUILD });
    const envelope = await onlyEnvelope();
    expect(envelope).toMatchObject({ type: 'CREATE_MESSAGE', id: null });
    const data = envelope.data as Record<string, Record<string, unknown> | string | null>;
    expect(data).toMatchObject({ id: message.id, original: message.original, sender: '100000000000000001', channel: '300000000000000001', guild: GUILD });
    expect(data.system).toMatchObject({ id: system.id, webhook_url: receiver.url, privacy: { name_privacy: 'public' } });
    expect(data.member).toMatchObject({ id: alice.id, uuid: alice.uuid, message_count: 1 });
    expect('system' in (data.member as Record<string, unknown>)).toBe(false);
    const lookup = (await call(pk, 'GET', `/messages/${message.id}`)).json as { member: { id: string } };
    expect(lookup.member.id).toBe(alice.id);
  });

  it('a proxied message moves a latch autoproxy to the member (UPDATE_AUTOPROXY with the member UUID and latch time)', async () => {
    pk.seedAutoproxy(system.id, GUILD, { autoproxy_mode: 'latch' });
    pk.asPluralKit(system.id).proxyMessage({ member: bob.id, channel: '300000000000000001', guild: GUILD });
    const autoproxy = (await envelopes(2)).find((envelope) => envelope.type === 'UPDATE_AUTOPROXY');
    expect(autoproxy?.data).toEqual({ guild_id: GUILD, channel_id: null, autoproxy_member: bob.uuid, last_latch_timestamp: expect.stringMatching(ISO) as unknown });
    expect(((await write('GET', `/systems/@me/autoproxy?guild_id=${GUILD}`)).json as { autoproxy_member: string }).autoproxy_member).toBe(bob.id);
  });

  it('proxy_switch new logs a switch to the proxied member (CREATE_SWITCH); add adds the member to the current switch (UPDATE_SWITCH)', async () => {
    const side = pk.asPluralKit(system.id);
    side.request('PATCH', '/systems/@me/settings', { proxy_switch: 'new' });
    side.proxyMessage({ member: alice.id, channel: '300000000000000001', guild: GUILD });
    side.proxyMessage({ member: alice.id, channel: '300000000000000001', guild: GUILD });
    side.request('PATCH', '/systems/@me/settings', { proxy_switch: 'add' });
    side.proxyMessage({ member: bob.id, channel: '300000000000000001', guild: GUILD });
    const all = await envelopes(7);
    const switches = all.filter((envelope) => envelope.type.endsWith('_SWITCH'));
    expect(switches.map(({ type, data }) => [type, data?.members])).toEqual([
      ['CREATE_SWITCH', [alice.uuid]],
      ['UPDATE_SWITCH', [alice.uuid, bob.uuid]],
    ]);
    expect(all.filter((envelope) => envelope.type === 'CREATE_MESSAGE')).toHaveLength(3);
    expect(all.filter((envelope) => envelope.type === 'UPDATE_SETTINGS').map((envelope) => envelope.data)).toEqual([
      { proxy_switch: 'new' },
      { proxy_switch: 'add' },
    ]);
  });

  it('any other event can be sent as PluralKit would; empty partial updates are not sent', async () => {
    pk.dispatch.emit(system.id, { type: 'UPDATE_SYSTEM', data: {} });
    pk.dispatch.emit(system.id, { type: 'SUCCESSFUL_IMPORT' });
    expect(await onlyEnvelope()).toEqual({ type: 'SUCCESSFUL_IMPORT', signing_token: token, system_id: system.uuid, id: null, data: null });
    expect(() => pk.dispatch.emit(system.id, { type: 'NOPE' as 'PING' })).toThrow(/unknown event type/);
  });
});
