import { beforeEach, describe, expect, it } from 'vitest';
import type { PluralKitEmulator, SeededMember, SeededSystem } from '../support/pluralkit-emulator/index.js';
import { call, expectPkError, useQuietEmulator } from './helpers.js';

const emulator = useQuietEmulator();
let pk: PluralKitEmulator;
let system: SeededSystem;
let other: SeededSystem;
let visible: SeededMember;
let hidden: SeededMember;

beforeEach(() => {
  pk = emulator();
  system = pk.seedSystem({ name: 'Members' });
  other = pk.seedSystem({ name: 'Other' });
  visible = pk.seedMember(system.id, {
    name: 'Real Name',
    display_name: 'Shown',
    birthday: '0004-02-29',
    avatar_url: 'https://example.com/a.png',
    proxy_tags: [{ prefix: 'v:', suffix: null }],
    message_count: 12,
    last_message_timestamp: '2024-01-01T00:00:00Z',
    privacy: { name_privacy: 'private', birthday_privacy: 'private', proxy_privacy: 'private', metadata_privacy: 'private' },
  });
  hidden = pk.seedMember(system.id, { name: 'Hidden', privacy: { visibility: 'private' } });
});

function ids(body: unknown): string[] {
  return (body as Array<{ id: string }>).map((entry) => entry.id);
}

describe('member views', () => {
  it('shows the owner everything', async () => {
    const body = (await call(pk, 'GET', `/members/${visible.id}`, { token: system.token })).json as Record<string, unknown>;
    expect(body).toMatchObject({
      system: system.id,
      name: 'Real Name',
      display_name: 'Shown',
      birthday: '0004-02-29',
      autoproxy_enabled: true,
      message_count: 12,
      last_message_timestamp: '2024-01-01T00:00:00Z',
      proxy_tags: [{ prefix: 'v:', suffix: null }],
    });
    expect(body.privacy).toMatchObject({ name_privacy: 'private' });
  });

  it('applies name, field, metadata and proxy privacy for others', async () => {
    const body = (await call(pk, 'GET', `/members/${visible.id}`, { token: other.token })).json as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'Shown',
      display_name: null,
      birthday: null,
      avatar_url: 'https://example.com/a.png',
      created: null,
      message_count: null,
      last_message_timestamp: null,
      autoproxy_enabled: null,
      proxy_tags: [],
      privacy: null,
    });
  });

  it('omits hidden members from lists for others but returns them by direct lookup', async () => {
    expect(ids((await call(pk, 'GET', `/systems/${system.id}/members`)).json)).toEqual([visible.id]);
    expect(ids((await call(pk, 'GET', '/systems/@me/members', { token: system.token })).json)).toEqual([visible.id, hidden.id]);
    const direct = await call(pk, 'GET', `/members/${hidden.uuid}`);
    expect((direct.json as { name: string }).name).toBe('Hidden');
  });

  it('answers 30001 for a private member list', async () => {
    const secret = pk.seedSystem({ privacy: { member_list_privacy: 'private' } });
    expectPkError(await call(pk, 'GET', `/systems/${secret.id}/members`), 403, 30001, 'Unauthorized to view member list');
    expect((await call(pk, 'GET', `/systems/${secret.id}/members`, { token: secret.token })).status).toBe(200);
  });
});

describe('member writes', () => {
  it('creates a member with defaults and the body applied', async () => {
    const response = await call(pk, 'POST', '/members', { token: system.token, body: { name: 'New', color: 'ABCDEF', tts: 'true' } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ name: 'New', color: 'abcdef', tts: true, keep_proxy: false, system: system.id });
    expect((response.json as { id: string }).id).toMatch(/^[a-z]{6}$/);
  });

  it('checks 401, then the member limit, then validation', async () => {
    expectPkError(await call(pk, 'POST', '/members', { body: {} }), 401, 0);
    const full = pk.seedSystem({ settings: { member_limit: 0 } });
    expectPkError(await call(pk, 'POST', '/members', { token: full.token, body: {} }), 400, 40007, 'Member limit reached.');
    const missingName = await call(pk, 'POST', '/members', { token: system.token, body: { display_name: 'x' } });
    expect(missingName.json).toMatchObject({
      code: 40001,
      errors: { name: [{ message: "Key 'name' is required when creating new member." }] },
    });
  });

  it('rejects clearing the name and validates birthday and proxy tags', async () => {
    const response = await call(pk, 'PATCH', `/members/${visible.id}`, {
      token: system.token,
      body: {
        name: ' ',
        birthday: '2021-02-30',
        proxy_tags: [{ prefix: 'p'.repeat(50), suffix: 's'.repeat(47) }],
      },
    });
    expect(response.json).toEqual({
      message: 'Error parsing JSON model',
      code: 40001,
      errors: {
        name: [{ message: 'Member name can not be set to null.' }],
        birthday: [{ message: 'Field birthday is invalid.' }],
        proxy_tags: [{ message: 'Field proxy_tags is invalid.' }],
      },
    });
  });

  it('normalises proxy tags the way production does', async () => {
    const response = await call(pk, 'PATCH', `/members/${visible.id}`, {
      token: system.token,
      body: { proxy_tags: [{ prefix: '', suffix: '' }, 'junk', { prefix: 'a:', suffix: '' }, { suffix: 's'.repeat(97) }] },
    });
    expect((response.json as { proxy_tags: unknown }).proxy_tags).toEqual([{ prefix: 'a:', suffix: null }]);
    expect((await call(pk, 'PATCH', `/members/${visible.id}`, { token: system.token, body: { proxy_tags: null } })).status).toBe(500);
    expect((await call(pk, 'PATCH', `/members/${visible.id}`, { token: system.token, body: { keep_proxy: null } })).status).toBe(500);
  });

  it('stores a webhook avatar equal to the avatar sent with it as null', async () => {
    const url = 'https://example.com/same.png';
    const response = await call(pk, 'PATCH', `/members/${visible.id}`, {
      token: system.token,
      body: { avatar_url: url, webhook_avatar_url: url },
    });
    expect(response.json).toMatchObject({ avatar_url: url, webhook_avatar_url: null });
  });

  it('follows 404 → 401 → 30006 for PATCH and DELETE', async () => {
    expectPkError(await call(pk, 'PATCH', '/members/zzzzzz', { body: { name: 'x' } }), 404, 20002);
    expectPkError(await call(pk, 'PATCH', `/members/${visible.id}`, { body: { name: 'x' } }), 401, 0);
    expectPkError(
      await call(pk, 'PATCH', `/members/${visible.id}`, { token: other.token, body: { name: 'x' } }),
      403,
      30006,
      'Target member is not part of your system.',
    );
    expectPkError(await call(pk, 'DELETE', `/members/${visible.id}`, { token: other.token }), 403, 30006);
    expect((await call(pk, 'DELETE', `/members/${visible.id}`, { token: system.token })).status).toBe(204);
    expectPkError(await call(pk, 'GET', `/members/${visible.id}`), 404, 20002);
  });

  it('answers PATCH {} with a generic 400', async () => {
    expectPkError(await call(pk, 'PATCH', `/members/${visible.id}`, { token: system.token, body: {} }), 400, 0, '400: Bad Request');
  });
});

describe('member guild settings', () => {
  it('answers 20010 until a row exists', async () => {
    const path = `/members/${visible.id}/guilds/222222222222222222`;
    expectPkError(await call(pk, 'GET', path, { token: system.token }), 404, 20010, 'No member guild settings found for target guild.');
    expectPkError(await call(pk, 'GET', path), 401, 0);
    expectPkError(await call(pk, 'GET', path, { token: other.token }), 403, 30006);
    pk.seedMemberGuildSettings(visible.id, '222222222222222222');
    const patched = await call(pk, 'PATCH', path, { token: system.token, body: { display_name: 'Guild Nick', keep_proxy: true } });
    expect(patched.json).toEqual({ display_name: 'Guild Nick', avatar_url: null, keep_proxy: true });
  });
});

describe('groups', () => {
  it('lists groups with member UUIDs, hiding private groups and private member lists from others', async () => {
    const open = pk.seedGroup(system.id, { name: 'Open', members: [visible.id, hidden.id] });
    const closed = pk.seedGroup(system.id, { name: 'Closed', members: [visible.id], privacy: { list_privacy: 'private' } });
    pk.seedGroup(system.id, { name: 'Invisible', privacy: { visibility: 'private' } });
    const publicList = (await call(pk, 'GET', `/systems/${system.id}/groups?with_members=TRUE`)).json as Array<{
      id: string;
      members: string[];
    }>;
    expect(publicList.map((group) => group.id)).toEqual([open.id, closed.id]);
    expect(publicList[0]?.members).toEqual([visible.uuid]);
    expect(publicList[1]?.members).toEqual([]);
    const ownerList = (await call(pk, 'GET', '/systems/@me/groups', { token: system.token })).json as Array<Record<string, unknown>>;
    expect(ownerList).toHaveLength(3);
    expect('members' in (ownerList[0] ?? {})).toBe(false);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/groups?with_members=1`), 400, 0);
  });

  it('answers 30002 and 30003 for private group lists and group member lists', async () => {
    const secret = pk.seedSystem({ privacy: { group_list_privacy: 'private' } });
    const member = pk.seedMember(secret.id, { name: 'M' });
    expectPkError(await call(pk, 'GET', `/systems/${secret.id}/groups`), 403, 30002, 'Unauthorized to view group list');
    expectPkError(await call(pk, 'GET', `/members/${member.id}/groups`), 403, 30002);
    const closed = pk.seedGroup(system.id, { name: 'Closed', privacy: { list_privacy: 'private' } });
    expectPkError(await call(pk, 'GET', `/groups/${closed.id}/members`), 403, 30003, 'Unauthorized to view group member list');
  });

  it('creates, patches and deletes groups with the documented checks', async () => {
    const created = await call(pk, 'POST', '/groups', { token: system.token, body: { name: 'G', icon: 'https://example.com/i.png' } });
    const group = created.json as { id: string; system: string; name: string };
    expect(group).toMatchObject({ name: 'G', system: system.id });
    expectPkError(await call(pk, 'PATCH', `/groups/${group.id}`, { token: other.token, body: { name: 'x' } }), 403, 30007);
    const renamed = await call(pk, 'PATCH', `/groups/${group.id}`, { token: system.token, body: { name: null } });
    expect(renamed.json).toMatchObject({ errors: { name: [{ message: 'Group name can not be set to null.' }] } });
    expect((await call(pk, 'DELETE', `/groups/${group.id}`, { token: system.token })).status).toBe(204);
    const limited = pk.seedSystem({ settings: { group_limit: 0 } });
    expectPkError(await call(pk, 'POST', '/groups', { token: limited.token, body: { name: 'x' } }), 400, 40008, 'Group limit reached.');
  });

  it('adds, removes and overwrites group members with exact body refs', async () => {
    const group = pk.seedGroup(system.id, { name: 'G' });
    const path = `/groups/${group.id}/members`;
    expectPkError(await call(pk, 'POST', `${path}/add`, { body: [] }), 400, 0);
    expectPkError(await call(pk, 'POST', `${path}/add`, { body: [visible.id] }), 401, 0);
    expectPkError(
      await call(pk, 'POST', `${path}/add`, { token: system.token, body: [visible.id.toUpperCase()] }),
      404,
      20003,
      `Member '${visible.id.toUpperCase()}' not found.`,
    );
    expect((await call(pk, 'POST', `${path}/add`, { token: system.token, body: [visible.id, hidden.uuid] })).status).toBe(204);
    expect(ids((await call(pk, 'GET', path, { token: system.token })).json)).toEqual([visible.id, hidden.id]);
    expect(ids((await call(pk, 'GET', path)).json)).toEqual([visible.id]);
    await call(pk, 'POST', `${path}/remove`, { token: system.token, body: [visible.id] });
    expect(ids((await call(pk, 'GET', path, { token: system.token })).json)).toEqual([hidden.id]);
    expect((await call(pk, 'POST', `${path}/overwrite`, { token: system.token, body: [] })).status).toBe(204);
    expect((await call(pk, 'GET', path, { token: system.token })).json).toEqual([]);
  });

  it('adds, removes and overwrites member groups with the add/remove error codes', async () => {
    const first = pk.seedGroup(system.id, { name: 'First' });
    const second = pk.seedGroup(system.id, { name: 'Second' });
    const foreign = pk.seedGroup(other.id, { name: 'Foreign' });
    const path = `/members/${visible.id}/groups`;
    expectPkError(await call(pk, 'POST', `${path}/remove`, { body: [] }), 400, 0);
    expectPkError(await call(pk, 'POST', `${path}/add`, { token: system.token, body: [foreign.id] }), 404, 20004, 'Group not found.');
    expectPkError(
      await call(pk, 'POST', `${path}/remove`, { token: system.token, body: ['nope'] }),
      404,
      20005,
      "Group 'nope' not found.",
    );
    await call(pk, 'POST', `${path}/add`, { token: system.token, body: [first.id, second.uuid] });
    expect(ids((await call(pk, 'GET', path)).json)).toEqual([first.id, second.id]);
    await call(pk, 'POST', `${path}/overwrite`, { token: system.token, body: [second.id] });
    expect(ids((await call(pk, 'GET', path)).json)).toEqual([second.id]);
  });

  it('applies group name privacy for others', async () => {
    const group = pk.seedGroup(system.id, { name: 'Real', display_name: 'Public', privacy: { name_privacy: 'private', visibility: 'private' } });
    const body = (await call(pk, 'GET', `/groups/${group.id}`)).json as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'Public', display_name: null, privacy: null, system: system.id });
  });
});
