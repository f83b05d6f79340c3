import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * Invalid input must be refused by the client with a message naming the field and the limit,
 * and nothing may reach the server (the emulator's request log stays empty).
 */

let emulator: PluralKitEmulator;
let client: PluralKitClient;
const auth = { token: 'x'.repeat(64) };
const SWITCH = 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6';

beforeAll(async () => {
  emulator = await startPluralKitEmulator();
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests' });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
beforeEach(() => emulator.reset());

const long = (n: number) => 'x'.repeat(n);
// Surrogate pairs count as two UTF-16 units, as on the server.
const emoji50 = '🙂'.repeat(50);

const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
  ['member name over 100', () => client.updateMember('abcde', { name: long(120) }, auth), /name is too long \(120\/100 characters\)/],
  ['member name counted in UTF-16 units', () => client.updateMember('abcde', { name: emoji50 + 'x' }, auth), /name is too long \(101\/100/],
  ['member name blank', () => client.updateMember('abcde', { name: '   ' }, auth), /name cannot be empty/],
  ['member create without name', () => client.createMember({} as never, auth), /name is required/],
  ['display_name over 100', () => client.updateMember('abcde', { display_name: long(101) }, auth), /display_name is too long \(101\/100/],
  ['description over 1000', () => client.updateMember('abcde', { description: long(1001) }, auth), /description is too long \(1001\/1000/],
  ['pronouns over 100', () => client.updateMember('abcde', { pronouns: long(101) }, auth), /pronouns is too long \(101\/100/],
  ['color with #', () => client.updateMember('abcde', { color: '#ff0000' }, auth), /color must be a 6-digit hex/],
  ['color too short', () => client.updateGroup('abcde', { color: 'fff' }, auth), /color must be a 6-digit hex/],
  ['birthday not a date', () => client.updateMember('abcde', { birthday: '2023-02-29' }, auth), /birthday must be a real date as YYYY-MM-DD/],
  ['birthday wrong format', () => client.updateMember('abcde', { birthday: '1/2/2000' }, auth), /birthday must be a real date/],
  ['http avatar', () => client.updateMember('abcde', { avatar_url: 'http://example.com/a.png' }, auth), /avatar_url must be an https:\/\/ URL/],
  ['avatar over 256', () => client.updateMember('abcde', { avatar_url: `https://example.com/${long(250)}` }, auth), /avatar_url is too long \(270\/256/],
  ['banner not a URL', () => client.updateSystem('@me', { banner: 'not a url' }, auth), /banner must be an https:\/\/ URL/],
  ['group icon http', () => client.updateGroup('abcde', { icon: 'http://x.y/i.png' }, auth), /icon must be an https:\/\/ URL/],
  ['system tag over 79', () => client.updateSystem('@me', { tag: long(80) }, auth), /tag is too long \(80\/79/],
  ['system guild tag over 79', () => client.updateSystemGuildSettings('@me', '123456789012345678', { tag: long(80) }, auth), /tag is too long \(80\/79/],
  ['member guild display_name over 100', () => client.updateMemberGuildSettings('abcde', '123456789012345678', { display_name: long(101) }, auth), /display_name is too long/],
  ['proxy tag both empty', () => client.updateMember('abcde', { proxy_tags: [{ prefix: '', suffix: null }] }, auth), /proxy_tags\[0\] needs a prefix or a suffix/],
  ['proxy tag too long', () => client.updateMember('abcde', { proxy_tags: [{ prefix: long(50), suffix: long(47) }] }, auth), /proxy_tags\[0\] is too long \(prefix \+ text \+ suffix is 101\/100/],
  ['too many proxy tags', () => client.updateMember('abcde', { proxy_tags: Array.from({ length: 101 }, (_, i) => ({ prefix: `p${i}:` })) }, auth), /proxy_tags has too many tags \(101\/100\)/],
  ['privacy value', () => client.updateMember('abcde', { privacy: { visibility: 'hidden' as never } }, auth), /privacy\.visibility must be 'public' or 'private'/],
  ['unknown privacy key', () => client.updateSystem('@me', { privacy: { visibility: 'private' } as never }, auth), /privacy has unknown field visibility/],
  ['read-only member key', () => client.updateMember('abcde', { autoproxy_enabled: false } as never, auth), /unknown field autoproxy_enabled/],
  ['empty member patch', () => client.updateMember('abcde', {}, auth), /Nothing to change/],
  ['empty privacy patch', () => client.updateGroup('abcde', { privacy: {} }, auth), /Nothing to change/],
  ['empty system patch', () => client.updateSystem('@me', {}, auth), /Nothing to change/],
  ['timezone empty', () => client.updateSystemSettings('@me', { timezone: '' }, auth), /timezone cannot be empty/],
  ['timezone null', () => client.updateSystemSettings('@me', { timezone: null as never }, auth), /timezone must be a string/],
  ['too many templates', () => client.updateSystemSettings('@me', { description_templates: ['a', 'b', 'c', 'd'] }, auth), /description_templates has too many templates \(4\/3\)/],
  ['template too long', () => client.updateSystemSettings('@me', { description_templates: [long(1001)] }, auth), /description_templates\[0\] is too long \(1001\/1000/],
  ['proxy_switch value', () => client.updateSystemSettings('@me', { proxy_switch: 'sometimes' as never }, auth), /proxy_switch must be 'off', 'new' or 'add'/],
  ['autoproxy mode', () => client.updateAutoproxySettings('@me', '123456789012345678', { autoproxy_mode: 'always' as never }, auth), /autoproxy_mode must be 'off', 'front', 'latch' or 'member'/],
  ['autoproxy member with front', () => client.updateAutoproxySettings('@me', '123456789012345678', { autoproxy_mode: 'front', autoproxy_member: 'abcde' }, auth), /autoproxy_member cannot be set when autoproxy_mode is 'front'/],
  ['autoproxy guild id', () => client.getAutoproxySettings('@me', 'nope', auth), /guild_id must be a Discord ID/],
  ['switch duplicate members', () => client.createSwitch('@me', { members: ['ABC-DE', 'abcde'] }, auth), /members lists member "abcde" more than once/],
  ['switch bad member ref', () => client.createSwitch('@me', { members: ['not a member'] }, auth), /members\[0\] "not a member" is not a member ID or UUID/],
  ['switch bad timestamp', () => client.createSwitch('@me', { members: [], timestamp: 'yesterday' }, auth), /timestamp must be an ISO 8601 date/],
  ['switch invalid Date', () => client.createSwitch('@me', { members: [], timestamp: new Date(Number.NaN) }, auth), /timestamp must be an ISO 8601 date/],
  ['switch patch without timestamp', () => client.updateSwitch('@me', SWITCH, {} as never, auth), /timestamp is required/],
  ['switch ref not a UUID', () => client.getSwitch('@me', 'abcdef'), /switch must be a switch UUID/],
  ['switch list limit', () => client.getSystemSwitches('@me', { limit: 101 }), /limit must be at most 100/],
  ['switch list limit zero', () => client.getSystemSwitches('@me', { limit: 0 }), /limit must be at least 1/],
  ['switch list before', () => client.getSystemSwitches('@me', { before: 'last week' }), /before must be an ISO 8601 date/],
  ['empty group add', () => client.addGroupMembers('abcde', [], auth), /members needs at least one entry/],
  ['empty member-groups remove', () => client.removeMemberFromGroups('abcde', [], auth), /groups needs at least one entry/],
  ['bad group ref in body', () => client.addMemberToGroups('abcde', ['x'], auth), /groups\[0\] "x" is not a group ID or UUID/],
  ['message id', () => client.getMessage('abc'), /message must be a Discord ID/],
  ['empty path ref', () => client.getMember(''), /member cannot be empty/],
  ['write without token', () => client.deleteMember('abcde', {} as never), /needs a PluralKit token/],
  ['token with a newline', () => client.getSystem('@me', { token: 'abc\ndef' }), /does not look like a PluralKit token/],
];

describe('invalid requests are refused before anything is sent', () => {
  it.each(cases)('%s', async (_label, call, expected) => {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluralKitError);
    const pkError = error as PluralKitError;
    expect(pkError.kind).toBe('invalid-request');
    expect(pkError.message).toMatch(expected);
    expect(emulator.requests).toHaveLength(0);
  });

  it('carries the limits in fieldErrors like the server does', async () => {
    const error = (await client.updateMember('abcde', { name: long(120) }, auth).catch((e: unknown) => e)) as PluralKitError;
    expect(error.fieldErrors).toEqual({
      name: [{ message: 'name is too long (120/100 characters)', max_length: 100, actual_length: 120 }],
    });
    expect(error.route).toBe('/members/{memberRef}');
    expect(error.method).toBe('PATCH');
  });

  it('never echoes the token in the message', async () => {
    const token = 'secret token value';
    const error = (await client.getSystem('@me', { token }).catch((e: unknown) => e)) as PluralKitError;
    expect(error.message).not.toContain(token);
  });
});

describe('valid edge values pass and are normalised', () => {
  it('accepts a hidden-year leap-day birthday and limits exactly at the maximum', async () => {
    const system = emulator.seedSystem();
    const member = emulator.seedMember(system.id, { name: 'M' });
    const updated = await client.updateMember(
      member.id,
      {
        name: long(100),
        birthday: '0004-02-29',
        proxy_tags: [{ prefix: long(48), suffix: long(48) }],
        avatar_url: `https://example.com/${long(236)}`,
      },
      { token: system.token! },
    );
    expect(updated.name).toHaveLength(100);
    expect(updated.birthday).toBe('0004-02-29');
    expect(updated.proxy_tags).toEqual([{ prefix: long(48), suffix: long(48) }]);
  });

  it('sends body refs lowercase without dashes, and UUIDs lowercase, as the server matches them exactly', async () => {
    const system = emulator.seedSystem();
    const alice = emulator.seedMember(system.id, { name: 'Alice', id: 'abcdef' });
    const bob = emulator.seedMember(system.id, { name: 'Bob' });
    const created = await client.createSwitch('@me', { members: ['ABC-DEF', bob.uuid.toUpperCase()] }, { token: system.token! });
    expect(created.members.map((m) => m.id)).toEqual([alice.id, bob.id]);
    expect(emulator.requests.at(-1)?.body).toEqual({ members: ['abcdef', bob.uuid] });
  });
});
