import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PkErrorCode, PluralKitError } from '../../src/pluralkit/errors.js';
import { isOwnerSettings } from '../../src/pluralkit/models.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/* Every adapter method against the emulator: its success shape and the errors it can answer with. */

let emulator: PluralKitEmulator;
let client: PluralKitClient;
const GUILD = '123456789012345678';

beforeAll(async () => {
  emulator = await startPluralKitEmulator({ rateLimits: false });
  // Public views are not kept here: these tests count and order requests (shared-reads.test.ts covers keeping).
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests/1.0', publicViewTtlMs: 0 });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
beforeEach(() => emulator.reset());

async function failure(promise: Promise<unknown>): Promise<PluralKitError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluralKitError);
  expect((error as PluralKitError).kind).toBe('api');
  return error as PluralKitError;
}

function world() {
  const mine = emulator.seedSystem({ name: 'Mine', accounts: ['223456789012345678'] });
  const other = emulator.seedSystem({ name: 'Other' });
  const alice = emulator.seedMember(mine.id, { name: 'Alice' });
  const bob = emulator.seedMember(mine.id, { name: 'Bob' });
  const stranger = emulator.seedMember(other.id, { name: 'Stranger' });
  const group = emulator.seedGroup(mine.id, { name: 'Group', members: [alice.id] });
  const otherGroup = emulator.seedGroup(other.id, { name: 'Theirs' });
  return { mine, other, alice, bob, stranger, group, otherGroup, auth: { token: mine.token! }, otherAuth: { token: other.token! } };
}

describe('wire conventions', () => {
  it('sends the raw token (no Bearer) and the User-Agent, never a token when none is given', async () => {
    const { mine, auth } = world();
    await client.getSystem('@me', auth);
    await client.getSystem(mine.id);
    const [authed, anonymous] = emulator.requests;
    expect(authed!.headers.authorization).toBe(mine.token);
    expect(authed!.headers['user-agent']).toBe('switchboard-tests/1.0');
    expect(anonymous!.headers.authorization).toBeUndefined();
    expect(anonymous!.headers['user-agent']).toBe('switchboard-tests/1.0');
  });

  it('encodes path segments', async () => {
    world();
    const error = await failure(client.getMember('a/b?c'));
    expect(error.code).toBe(PkErrorCode.MemberNotFound);
    expect(emulator.requests[0]!.path).toBe('/v2/members/a%2Fb%3Fc');
  });
});

describe('systems and settings', () => {
  it('getSystem by short ID, UUID, Discord ID and @me; 404 and 401', async () => {
    const { mine, auth } = world();
    expect((await client.getSystem(mine.id)).name).toBe('Mine');
    expect((await client.getSystem(mine.uuid)).id).toBe(mine.id);
    expect((await client.getSystem('223456789012345678')).id).toBe(mine.id);
    expect((await client.getSystem('@me', auth)).privacy).not.toBeNull();
    expect(await failure(client.getSystem('zzzzzz'))).toMatchObject({ status: 404, code: PkErrorCode.SystemNotFound, message: 'System not found.' });
    expect(await failure(client.getSystem('@me'))).toMatchObject({ status: 401, code: 0 });
  });

  it('updateSystem: success, 403 for another system, 40001 field errors from the server', async () => {
    const { mine, other, auth } = world();
    const updated = await client.updateSystem('@me', { name: 'Renamed', privacy: { front_privacy: 'private' } }, auth);
    expect(updated).toMatchObject({ name: 'Renamed', privacy: { front_privacy: 'private' } });
    expect(await failure(client.updateSystem(other.id, { name: 'x' }, auth))).toMatchObject({ status: 403, code: 0 });
    expect(await failure(client.updateSystem(mine.id, { name: 'x' }, { token: 'not-a-valid-token' }))).toMatchObject({ status: 403 });
  });

  it('get/updateSystemSettings: owner view, public view, 40001 for an unknown time zone', async () => {
    const { mine, auth } = world();
    const owner = await client.getSystemSettings('@me', auth);
    expect(isOwnerSettings(owner) && owner.timezone).toBe('UTC');
    expect(isOwnerSettings(await client.getSystemSettings(mine.id))).toBe(false);
    const patched = await client.updateSystemSettings('@me', { timezone: 'Europe/Berlin', latch_timeout: 0 }, auth);
    expect(patched).toMatchObject({ timezone: 'Europe/Berlin', latch_timeout: 0 });
    const error = await failure(client.updateSystemSettings('@me', { timezone: 'Mars/Olympus_Mons' }, auth));
    expect(error).toMatchObject({ status: 400, code: PkErrorCode.JsonModelInvalid });
    expect(Object.keys(error.fieldErrors)).toEqual(['timezone']);
  });

  it('get/updateSystemGuildSettings: 20009 until a row exists', async () => {
    const { mine, other, auth } = world();
    expect(await failure(client.getSystemGuildSettings('@me', GUILD, auth))).toMatchObject({ status: 404, code: PkErrorCode.SystemGuildSettingsNotFound });
    emulator.seedSystemGuildSettings(mine.id, GUILD);
    expect((await client.getSystemGuildSettings(mine.id, GUILD, auth)).proxying_enabled).toBe(true);
    expect(await client.updateSystemGuildSettings('@me', GUILD, { tag: '[g]', display_name: 'Guild name' }, auth)).toMatchObject({ tag: '[g]', display_name: 'Guild name' });
    expect(await failure(client.getSystemGuildSettings(other.id, GUILD, auth))).toMatchObject({ status: 403, code: 0 });
  });

  it('get/updateAutoproxySettings: default row, member mode, server-side rule errors', async () => {
    const { alice, stranger, auth } = world();
    expect(await client.getAutoproxySettings('@me', GUILD, auth)).toMatchObject({ autoproxy_mode: 'off', autoproxy_member: null });
    expect(await client.updateAutoproxySettings('@me', GUILD, { autoproxy_mode: 'member', autoproxy_member: alice.id }, auth)).toMatchObject({
      autoproxy_mode: 'member',
      autoproxy_member: alice.id,
    });
    expect(await failure(client.updateAutoproxySettings('@me', GUILD, { autoproxy_member: stranger.id }, auth))).toMatchObject({ status: 403 });
    const missing = await failure(client.updateAutoproxySettings('@me', GUILD, { autoproxy_member: 'qqqqq' }, auth));
    expect(missing).toMatchObject({ code: PkErrorCode.JsonModelInvalid });
    expect(missing.fieldErrors.autoproxy_member).toBeDefined();
  });
});

describe('members', () => {
  it('list, get, create, update, delete', async () => {
    const { mine, alice, auth } = world();
    expect((await client.getSystemMembers(mine.id)).map((m) => m.name).sort()).toEqual(['Alice', 'Bob']);
    expect(await client.getMember(alice.uuid)).toMatchObject({ id: alice.id, system: mine.id });
    const created = await client.createMember({ name: 'Carol', color: 'ABCDEF', proxy_tags: [{ prefix: 'c:' }] }, auth);
    expect(created).toMatchObject({ name: 'Carol', color: 'abcdef', proxy_tags: [{ prefix: 'c:', suffix: null }], system: mine.id });
    expect(await client.updateMember(created.id, { display_name: 'Caz', privacy: { visibility: 'private' } }, auth)).toMatchObject({
      display_name: 'Caz',
      privacy: { visibility: 'private' },
    });
    await client.deleteMember(created.id, auth);
    expect(await failure(client.getMember(created.id))).toMatchObject({ status: 404, code: PkErrorCode.MemberNotFound });
  });

  it('errors: 30001 private list, 30006 not yours, 401, 40007 member limit', async () => {
    const { stranger, auth } = world();
    const secret = emulator.seedSystem({ privacy: { member_list_privacy: 'private' } });
    expect(await failure(client.getSystemMembers(secret.id))).toMatchObject({ status: 403, code: PkErrorCode.MemberListPrivate });
    expect(await failure(client.updateMember(stranger.id, { name: 'x' }, auth))).toMatchObject({ status: 403, code: PkErrorCode.NotOwnMember });
    expect(await failure(client.deleteMember(stranger.id, auth))).toMatchObject({ status: 403, code: PkErrorCode.NotOwnMember });
    expect(await failure(client.createMember({ name: 'x' }, { token: 'nobody' }))).toMatchObject({ status: 401 });
    const full = emulator.seedSystem({ settings: { member_limit: 1 } });
    emulator.seedMember(full.id, { name: 'Only' });
    expect(await failure(client.createMember({ name: 'One more' }, { token: full.token! }))).toMatchObject({ status: 400, code: PkErrorCode.MemberLimitReached });
  });

  it('member groups: list, add (20004), remove (20005), overwrite; 30002', async () => {
    const { mine, alice, bob, group, otherGroup, auth } = world();
    const second = emulator.seedGroup(mine.id, { name: 'Second' });
    expect((await client.getMemberGroups(alice.id)).map((g) => g.id)).toEqual([group.id]);
    await client.addMemberToGroups(bob.id, [group.id, second.uuid.toUpperCase()], auth);
    expect((await client.getMemberGroups(bob.id)).map((g) => g.name).sort()).toEqual(['Group', 'Second']);
    await client.removeMemberFromGroups(bob.id, [second.id], auth);
    expect((await client.getMemberGroups(bob.id)).map((g) => g.id)).toEqual([group.id]);
    await client.overwriteMemberGroups(bob.id, [], auth);
    expect(await client.getMemberGroups(bob.id)).toEqual([]);
    expect(await failure(client.addMemberToGroups(bob.id, [otherGroup.id], auth))).toMatchObject({ status: 404, code: PkErrorCode.GroupNotFound });
    const removeError = await failure(client.removeMemberFromGroups(bob.id, ['qqqqqq'], auth));
    expect(removeError).toMatchObject({ status: 404, code: PkErrorCode.GroupRefNotFound, message: "Group 'qqqqqq' not found." });
    const secret = emulator.seedSystem({ privacy: { group_list_privacy: 'private' } });
    const hidden = emulator.seedMember(secret.id, { name: 'H' });
    expect(await failure(client.getMemberGroups(hidden.id))).toMatchObject({ status: 403, code: PkErrorCode.GroupListPrivate });
  });

  it('member guild settings: 20010 until a row exists, then get and update', async () => {
    const { alice, auth } = world();
    expect(await failure(client.getMemberGuildSettings(alice.id, GUILD, auth))).toMatchObject({ status: 404, code: PkErrorCode.MemberGuildSettingsNotFound });
    emulator.seedMemberGuildSettings(alice.id, GUILD);
    expect(await client.getMemberGuildSettings(alice.id, GUILD, auth)).toMatchObject({ display_name: null, keep_proxy: null });
    expect(await client.updateMemberGuildSettings(alice.id, GUILD, { display_name: 'Al', keep_proxy: true }, auth)).toMatchObject({ display_name: 'Al', keep_proxy: true });
  });
});

describe('groups', () => {
  it('list (with members), get, create, update, delete', async () => {
    const { mine, alice, group, auth } = world();
    const listed = await client.getSystemGroups(mine.id, { withMembers: true });
    expect(listed).toEqual([expect.objectContaining({ id: group.id, members: [alice.uuid] })]);
    expect((await client.getSystemGroups(mine.id))[0]).not.toHaveProperty('members');
    const created = await client.createGroup({ name: 'New', icon: 'https://example.com/i.png' }, auth);
    expect(await client.getGroup(created.uuid)).toMatchObject({ name: 'New', system: mine.id });
    expect(await client.updateGroup(created.id, { description: 'About' }, auth)).toMatchObject({ description: 'About' });
    await client.deleteGroup(created.id, auth);
    expect(await failure(client.getGroup(created.id))).toMatchObject({ status: 404, code: PkErrorCode.GroupNotFound });
  });

  it('group members: list, add (20003 names the ref), remove, overwrite; 30003, 30007, 40008', async () => {
    const { alice, bob, stranger, group, otherGroup, auth } = world();
    await client.addGroupMembers(group.id, [bob.uuid], auth);
    expect((await client.getGroupMembers(group.id)).map((m) => m.name).sort()).toEqual(['Alice', 'Bob']);
    await client.removeGroupMembers(group.id, [alice.id], auth);
    expect((await client.getGroupMembers(group.id)).map((m) => m.name)).toEqual(['Bob']);
    await client.overwriteGroupMembers(group.id, [], auth);
    expect(await client.getGroupMembers(group.id)).toEqual([]);
    expect(await failure(client.addGroupMembers(group.id, [stranger.id], auth))).toMatchObject({
      status: 404,
      code: PkErrorCode.MemberRefNotFound,
      message: `Member '${stranger.id}' not found.`,
    });
    expect(await failure(client.updateGroup(otherGroup.id, { name: 'x' }, auth))).toMatchObject({ status: 403, code: PkErrorCode.NotOwnGroup });
    const secretSystem = emulator.seedSystem();
    const secret = emulator.seedGroup(secretSystem.id, { name: 'S', privacy: { list_privacy: 'private' } });
    expect(await failure(client.getGroupMembers(secret.id))).toMatchObject({ status: 403, code: PkErrorCode.GroupMemberListPrivate });
    const full = emulator.seedSystem({ settings: { group_limit: 0 } });
    expect(await failure(client.createGroup({ name: 'x' }, { token: full.token! }))).toMatchObject({ code: PkErrorCode.GroupLimitReached });
  });
});

describe('switches', () => {
  it('fronters: null before any switch, then the latest; 30004 when private', async () => {
    const { mine, alice, auth } = world();
    expect(await client.getFronters(mine.id)).toBeNull();
    const created = await client.createSwitch('@me', { members: [alice.id], timestamp: '2024-05-01T12:00:00.123456Z' }, auth);
    expect(created).toMatchObject({ timestamp: '2024-05-01T12:00:00.123456Z', members: [expect.objectContaining({ id: alice.id })] });
    expect((await client.getFronters(mine.id))?.id).toBe(created.id);
    const secret = emulator.seedSystem({ privacy: { front_privacy: 'private' } });
    expect(await failure(client.getFronters(secret.id))).toMatchObject({ status: 403, code: PkErrorCode.FrontPrivate });
  });

  it('createSwitch errors: 40004 same fronters, 40005 same timestamp, 20003 unknown member, 403 not owner', async () => {
    const { mine, other, alice, stranger, auth } = world();
    await client.createSwitch('@me', { members: [alice.id], timestamp: new Date('2024-05-01T12:00:00Z') }, auth);
    expect(await failure(client.createSwitch('@me', { members: [alice.id] }, auth))).toMatchObject({ code: PkErrorCode.SameSwitchMembers });
    expect(await failure(client.createSwitch(mine.id, { members: [], timestamp: '2024-05-01T12:00:00Z' }, auth))).toMatchObject({ code: PkErrorCode.SwitchTimestampExists });
    expect(await failure(client.createSwitch('@me', { members: [stranger.id] }, auth))).toMatchObject({ status: 404, code: PkErrorCode.MemberRefNotFound });
    expect(await failure(client.createSwitch(other.id, { members: [] }, auth))).toMatchObject({ status: 403, code: 0 });
  });

  it('get, update, update members, delete a switch; 20008 and 30008', async () => {
    const { mine, alice, bob, stranger, auth } = world();
    const entry = emulator.seedSwitch(mine.id, { timestamp: '2024-05-01T12:00:00Z', members: [alice.id] });
    expect((await client.getSwitch(mine.id, entry.id)).members.map((m) => m.id)).toEqual([alice.id]);
    // Re-sending the switch's own time is a 40005 on the server too.
    expect(await failure(client.updateSwitch('@me', entry.id, { timestamp: '2024-05-01T13:00:00+01:00' }, auth))).toMatchObject({ code: PkErrorCode.SwitchTimestampExists });
    await client.updateSwitch('@me', entry.id, { timestamp: '2024-05-01T13:00:00+02:00' }, auth);
    const moved = await client.getSwitch('@me', entry.id.toUpperCase(), auth);
    expect(Date.parse(moved.timestamp)).toBe(Date.parse('2024-05-01T11:00:00Z'));
    const updated = await client.updateSwitchMembers('@me', entry.id, [bob.id, alice.id], auth);
    expect(updated.members.map((m) => m.id)).toEqual([bob.id, alice.id]);
    expect(await failure(client.updateSwitchMembers('@me', entry.id, [stranger.id], auth))).toMatchObject({ status: 403, code: PkErrorCode.MemberRefNotOwn });
    const theirs = emulator.seedSystem({ privacy: { front_history_privacy: 'private' } });
    const theirSwitch = emulator.seedSwitch(theirs.id, { timestamp: '2024-01-01T00:00:00Z', members: [] });
    expect(await failure(client.getSwitch(theirs.id, theirSwitch.id))).toMatchObject({ status: 404, code: PkErrorCode.SwitchNotFoundOrPrivate });
    await client.deleteSwitch('@me', entry.id, auth);
    expect(await failure(client.getSwitch(mine.id, entry.id))).toMatchObject({ status: 404, code: PkErrorCode.SwitchNotFound });
  });

  it('getSystemSwitches pages with before/limit; iterateSwitches walks all of them; 30005 when private', async () => {
    const { mine, alice, bob } = world();
    const times = Array.from({ length: 7 }, (_, i) => `2024-05-0${i + 1}T12:00:00.${String(i + 1).padStart(6, '0')}Z`);
    times.forEach((timestamp, i) => emulator.seedSwitch(mine.id, { timestamp, members: i % 2 ? [alice.id] : [bob.id] }));
    const first = await client.getSystemSwitches(mine.id, { limit: 3 });
    expect(first.map((s) => s.timestamp)).toEqual([times[6], times[5], times[4]]);
    expect(first[0]!.members).toEqual([bob.id]);
    const next = await client.getSystemSwitches(mine.id, { before: first[2]!.timestamp, limit: 3 });
    expect(next.map((s) => s.timestamp)).toEqual([times[3], times[2], times[1]]);
    emulator.clearRequests();
    const all = [];
    for await (const entry of client.iterateSwitches(mine.id, { pageSize: 3 })) all.push(entry.timestamp);
    expect(all).toEqual([...times].reverse());
    expect(emulator.requests).toHaveLength(3);
    const secret = emulator.seedSystem({ privacy: { front_history_privacy: 'private' } });
    expect(await failure(client.getSystemSwitches(secret.id))).toMatchObject({ status: 403, code: PkErrorCode.FrontHistoryPrivate });
  });
});

describe('messages', () => {
  it('getMessage by proxied ID; 20006 for an unknown one', async () => {
    const { mine, alice } = world();
    emulator.seedMessage({ id: '1200000000000000000', original: '1199999999999999999', sender: '323456789012345678', channel: '423456789012345678', guild: GUILD, system: mine.id, member: alice.id });
    const message = await client.getMessage('1200000000000000000');
    expect(message).toMatchObject({ id: '1200000000000000000', original: '1199999999999999999', guild: GUILD, system: { id: mine.id }, member: { id: alice.id } });
    expect(message.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await failure(client.getMessage('1300000000000000000'))).toMatchObject({ status: 404, code: PkErrorCode.MessageNotFound });
  });
});
