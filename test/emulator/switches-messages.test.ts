import { beforeEach, describe, expect, it } from 'vitest';
import type { PluralKitEmulator, SeededMember, SeededSystem } from '../support/pluralkit-emulator/index.js';
import { call, expectPkError, snowflakeAgo, useQuietEmulator } from './helpers.js';

const emulator = useQuietEmulator();
let pk: PluralKitEmulator;
let system: SeededSystem;
let other: SeededSystem;
let alice: SeededMember;
let bob: SeededMember;

beforeEach(() => {
  pk = emulator();
  system = pk.seedSystem({ name: 'Switchy' });
  other = pk.seedSystem({ name: 'Other' });
  alice = pk.seedMember(system.id, { name: 'Alice' });
  bob = pk.seedMember(system.id, { name: 'Bob', privacy: { visibility: 'private' } });
});

type SwitchSummary = { id: string; timestamp: string; members: string[] };

describe('switch list', () => {
  beforeEach(() => {
    pk.seedSwitch(system.id, { timestamp: '2024-05-01T10:00:00Z', members: [alice.id] });
    pk.seedSwitch(system.id, { timestamp: '2024-05-01T11:00:00.500Z', members: [alice.id, bob.id] });
    pk.seedSwitch(system.id, { timestamp: new Date('2024-05-01T12:00:00.123Z'), members: [] });
  });

  it('lists newest first with member short IDs and trimmed ExtendedIso timestamps', async () => {
    const body = (await call(pk, 'GET', `/systems/${system.id}/switches`)).json as SwitchSummary[];
    expect(body.map((entry) => entry.timestamp)).toEqual(['2024-05-01T12:00:00.123Z', '2024-05-01T11:00:00.5Z', '2024-05-01T10:00:00Z']);
    expect(body[1]?.members).toEqual([alice.id, bob.id]);
    expect(body[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('pages with an exclusive before and caps the limit', async () => {
    const page = (await call(pk, 'GET', `/systems/${system.id}/switches?before=2024-05-01T11:00:00.5Z&limit=5`)).json as SwitchSummary[];
    expect(page.map((entry) => entry.timestamp)).toEqual(['2024-05-01T10:00:00Z']);
    expect((await call(pk, 'GET', `/systems/${system.id}/switches?limit=1`)).json).toHaveLength(1);
    expect((await call(pk, 'GET', `/systems/${system.id}/switches?limit=0`)).json).toEqual([]);
    for (let index = 0; index < 120; index++) {
      pk.seedSwitch(system.id, { timestamp: new Date(Date.UTC(2020, 0, 1, 0, 0, index)), members: [] });
    }
    expect((await call(pk, 'GET', `/systems/${system.id}/switches?limit=500`)).json).toHaveLength(100);
    expect((await call(pk, 'GET', `/systems/${system.id}/switches`)).json).toHaveLength(100);
  });

  it('rejects a non-strict before and bad limits', async () => {
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/switches?before=2024-05-01T11:00:00%2B00:00`), 400, 0);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/switches?before=yesterday`), 400, 0);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/switches?limit=ten`), 400, 0);
    expect((await call(pk, 'GET', `/systems/${system.id}/switches?limit=-1`)).status).toBe(500);
  });

  it('answers 30005 for private front history and 20008 for a single switch', async () => {
    const secret = pk.seedSystem({ privacy: { front_history_privacy: 'private' } });
    const entry = pk.seedSwitch(secret.id, { timestamp: '2024-01-01T00:00:00Z', members: [] });
    expectPkError(await call(pk, 'GET', `/systems/${secret.id}/switches`), 403, 30005, 'Unauthorized to view front history.');
    expectPkError(
      await call(pk, 'GET', `/systems/${secret.id}/switches/${entry.id}`),
      404,
      20008,
      'Switch not found, switch associated with different system, or unauthorized to view front history.',
    );
    expect((await call(pk, 'GET', `/systems/${secret.id}/switches/${entry.id}`, { token: secret.token })).status).toBe(200);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/switches/${entry.id}`), 404, 20008);
  });
});

describe('fronters', () => {
  it('answers 204 without switches', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}/fronters`);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
  });

  it('returns the latest switch with full member objects, hidden members included', async () => {
    pk.seedSwitch(system.id, { timestamp: '2024-01-01T00:00:00Z', members: [alice.id] });
    const latest = pk.seedSwitch(system.id, { timestamp: '2024-02-01T00:00:00Z', members: [bob.id, alice.id] });
    const body = (await call(pk, 'GET', `/systems/${system.id}/fronters`)).json as { id: string; members: Array<Record<string, unknown>> };
    expect(body.id).toBe(latest.id);
    expect(body.members.map((member) => member.id)).toEqual([bob.id, alice.id]);
    expect(body.members[0]).toMatchObject({ system: system.id, privacy: null });
  });

  it('answers 30004 when fronters are private', async () => {
    const secret = pk.seedSystem({ privacy: { front_privacy: 'private' } });
    expectPkError(await call(pk, 'GET', `/systems/${secret.id}/fronters`), 403, 30004, 'Unauthorized to view current fronters.');
  });
});

describe('POST switch', () => {
  const path = '/systems/@me/switches';

  it('creates a switch with exact member refs and returns full members', async () => {
    const response = await call(pk, 'POST', path, { token: system.token, body: { members: [alice.id, bob.uuid] } });
    expect(response.status).toBe(200);
    const body = response.json as { timestamp: string; members: Array<{ id: string; privacy: unknown }> };
    expect(body.members.map((member) => member.id)).toEqual([alice.id, bob.id]);
    expect(body.members[1]?.privacy).not.toBeNull();
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/);
  });

  it('checks 403, duplicates, timestamp clash, unknown refs, then identical fronters, in that order', async () => {
    pk.seedSwitch(system.id, { timestamp: '2024-01-01T00:00:00Z', members: [alice.id] });
    expectPkError(await call(pk, 'POST', `/systems/${system.id}/switches`, { token: other.token, body: { members: [alice.id, alice.id] } }), 403, 0);
    expectPkError(
      await call(pk, 'POST', path, { token: system.token, body: { timestamp: '2024-01-01T00:00:00Z', members: ['nope', 'nope'] } }),
      400,
      40003,
      'Duplicate members in member list.',
    );
    expectPkError(
      await call(pk, 'POST', path, { token: system.token, body: { timestamp: '2024-01-01T00:00:00Z', members: ['nope'] } }),
      400,
      40005,
      'Switch with provided timestamp already exists.',
    );
    expectPkError(
      await call(pk, 'POST', path, { token: system.token, body: { members: [alice.id.toUpperCase()] } }),
      404,
      20003,
      `Member '${alice.id.toUpperCase()}' not found.`,
    );
    expectPkError(await call(pk, 'POST', path, { token: system.token, body: { members: [alice.id] } }), 400, 40004, 'Member list identical to current fronter list.');
    expect((await call(pk, 'POST', path, { token: system.token, body: { timestamp: '2023-01-01T00:00:00Z', members: [alice.id] } })).status).toBe(200);
  });

  it('refuses other systems members as not found and rejects offset timestamps', async () => {
    const foreign = pk.seedMember(other.id, { name: 'F' });
    expectPkError(await call(pk, 'POST', path, { token: system.token, body: { members: [foreign.id] } }), 404, 20003);
    expectPkError(await call(pk, 'POST', path, { token: system.token, body: { timestamp: '2024-01-01T00:00:00+01:00', members: [] } }), 400, 0);
    expect((await call(pk, 'POST', path, { token: system.token, body: {} })).status).toBe(500);
  });
});

describe('PATCH and DELETE switch', () => {
  it('moves a switch with a lenient timestamp and refuses any existing timestamp, including its own', async () => {
    const entry = pk.seedSwitch(system.id, { timestamp: '2024-01-01T00:00:00Z', members: [alice.id] });
    pk.seedSwitch(system.id, { timestamp: '2024-03-01T00:00:00Z', members: [] });
    const switchPath = `/systems/@me/switches/${entry.id}`;
    expectPkError(await call(pk, 'PATCH', switchPath, { token: system.token, body: { timestamp: '2024-01-01T00:00:00Z' } }), 400, 40005);
    expectPkError(await call(pk, 'PATCH', switchPath, { token: system.token, body: { timestamp: '2024-03-01T01:00:00+01:00' } }), 400, 40005);
    const moved = await call(pk, 'PATCH', switchPath, { token: system.token, body: { timestamp: '2024-01-02T03:04:05.25+02:00' } });
    expect((moved.json as { timestamp: string }).timestamp).toBe('2024-01-02T01:04:05.25Z');
    const missing = await call(pk, 'PATCH', switchPath, { token: system.token, body: { timestamp: '' } });
    expect(missing.json).toEqual({
      message: 'Error parsing JSON model',
      code: 40001,
      errors: { timestamp: [{ message: "Key 'timestamp' is required." }] },
    });
    expectPkError(await call(pk, 'PATCH', switchPath, { token: system.token, body: { timestamp: 'not a date' } }), 400, 0);
  });

  it('replaces switch members with lenient refs and the documented errors', async () => {
    const entry = pk.seedSwitch(system.id, { timestamp: '2024-01-01T00:00:00Z', members: [alice.id] });
    const foreign = pk.seedMember(other.id, { name: 'F' });
    const membersPath = `/systems/@me/switches/${entry.id}/members`;
    expectPkError(await call(pk, 'PATCH', membersPath, { token: system.token, body: [alice.id, alice.id] }), 400, 40003);
    expectPkError(await call(pk, 'PATCH', membersPath, { token: system.token, body: ['zzzzzz'] }), 404, 20003);
    expectPkError(
      await call(pk, 'PATCH', membersPath, { token: system.token, body: [foreign.id] }),
      403,
      30008,
      `Member '${foreign.id}' is not part of your system.`,
    );
    expectPkError(await call(pk, 'PATCH', membersPath, { token: system.token, body: [alice.id.toUpperCase()] }), 400, 40004);
    const updated = await call(pk, 'PATCH', membersPath, { token: system.token, body: [bob.id.toUpperCase(), alice.uuid] });
    expect((updated.json as { members: Array<{ id: string }> }).members.map((member) => member.id)).toEqual([bob.id, alice.id]);
  });

  it('deletes a switch, refusing non-owners and foreign switches', async () => {
    const entry = pk.seedSwitch(system.id, { timestamp: '2024-01-01T00:00:00Z', members: [] });
    const foreign = pk.seedSwitch(other.id, { timestamp: '2024-01-01T00:00:00Z', members: [] });
    expectPkError(await call(pk, 'DELETE', `/systems/${system.id}/switches/${entry.id}`), 403, 0);
    expectPkError(await call(pk, 'DELETE', `/systems/@me/switches/${foreign.id}`, { token: system.token }), 404, 20008);
    expect((await call(pk, 'DELETE', `/systems/@me/switches/${entry.id}`, { token: system.token })).status).toBe(204);
    expect((await call(pk, 'GET', `/systems/${system.id}/fronters`)).status).toBe(204);
  });
});

describe('messages', () => {
  it('finds a message by proxied ID with a fraction-free timestamp and a member without system key', async () => {
    const id = snowflakeAgo(60 * 60 * 1000);
    pk.seedMessage({ id, original: snowflakeAgo(60 * 60 * 1000, 1), sender: '1', channel: '2', guild: '3', system: system.id, member: alice.id });
    const body = (await call(pk, 'GET', `/messages/${id}`)).json as Record<string, unknown>;
    expect(body.id).toBe(id);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(body).toMatchObject({ sender: '1', channel: '2', guild: '3' });
    expect((body.system as { id: string }).id).toBe(system.id);
    expect('system' in (body.member as object)).toBe(false);
    expect((body.member as { privacy: unknown }).privacy).toBeNull();
    const asOwner = (await call(pk, 'GET', `/messages/${id}`, { token: system.token })).json as { member: { privacy: unknown } };
    expect(asOwner.member.privacy).not.toBeNull();
  });

  it('finds a message by original ID only within 30 minutes', async () => {
    const recent = snowflakeAgo(60 * 1000);
    const recentOriginal = snowflakeAgo(60 * 1000, 1);
    const old = snowflakeAgo(31 * 60 * 1000);
    const oldOriginal = snowflakeAgo(31 * 60 * 1000, 1);
    pk.seedMessage({ id: recent, original: recentOriginal, sender: '1', channel: '2', system: system.id, member: alice.id });
    pk.seedMessage({ id: old, original: oldOriginal, sender: '1', channel: '2', system: null, member: null });
    expect(((await call(pk, 'GET', `/messages/${recentOriginal}`)).json as { id: string }).id).toBe(recent);
    expectPkError(await call(pk, 'GET', `/messages/${oldOriginal}`), 404, 20006, 'Message not found.');
    const oldBody = (await call(pk, 'GET', `/messages/${old}`)).json as Record<string, unknown>;
    expect(oldBody).toMatchObject({ system: null, member: null, guild: null });
  });

  it('reports an unknown original as an empty string and rejects non-numeric IDs', async () => {
    const id = snowflakeAgo(1000);
    pk.seedMessage({ id, sender: '1', channel: '2', system: system.id, member: null });
    expect(((await call(pk, 'GET', `/messages/${id}`)).json as { original: string }).original).toBe('');
    expectPkError(await call(pk, 'GET', '/messages/abc'), 400, 0, '400: Bad Request');
    expectPkError(await call(pk, 'GET', '/messages/12345'), 404, 20006);
  });
});
