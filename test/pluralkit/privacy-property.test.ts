import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import {
  GROUP_PRIVACY_KEYS,
  isOwnerSettings,
  MEMBER_PRIVACY_KEYS,
  SYSTEM_PRIVACY_KEYS,
  type Group,
  type Member,
  type PrivacyLevel,
} from '../../src/pluralkit/models.js';
import {
  isFrontHistoryPublic,
  isFrontPublic,
  isGroupListPublic,
  isGroupMemberListPublic,
  isMemberListPublic,
  publicGroup,
  publicGroupList,
  publicMember,
  publicMemberList,
  publicMessage,
  publicSwitch,
  publicSystem,
  publicSystemSettings,
} from '../../src/pluralkit/privacy.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

/*
 * Property: for every privacy combination, the public view computed from the owner view equals
 * what the server returns to an unauthenticated caller and to another system's token.
 */

/**
 * 512 systems × 7 requests, all checked: CPU-bound work that took 19 s of the default 20 on a loaded
 * machine. A limit on how long to wait, not a measurement: nothing here depends on time.
 */
const HEAVY_MS = 90_000;

let emulator: PluralKitEmulator;
let client: PluralKitClient;

beforeAll(async () => {
  // Thousands of requests; pacing is tested elsewhere.
  emulator = await startPluralKitEmulator({ rateLimits: false });
  client = new PluralKitClient({ baseUrl: emulator.url, userAgent: 'switchboard-tests', connections: 4 });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

function combination<K extends string>(keys: readonly K[], bits: number): Record<K, PrivacyLevel> {
  return Object.fromEntries(keys.map((key, i) => [key, bits & (1 << i) ? 'private' : 'public'])) as Record<K, PrivacyLevel>;
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

async function expectRefused(promise: Promise<unknown>, code: number): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PluralKitError);
  expect((error as PluralKitError).code).toBe(code);
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('members: all 2^9 privacy combinations', () => {
  let owner: { id: string; token: string };
  let stranger: { token: string };
  const combos = Array.from({ length: 1 << MEMBER_PRIVACY_KEYS.length }, (_, bits) => bits);

  beforeAll(() => {
    const system = emulator.seedSystem({ name: 'Members' });
    owner = { id: system.id, token: system.token! };
    stranger = { token: emulator.seedSystem().token! };
    for (const bits of combos) {
      emulator.seedMember(owner.id, {
        name: `Member ${bits}`,
        // Half have a display name, so name privacy is seen both falling back and not.
        display_name: bits % 2 === 0 ? `Shown ${bits}` : null,
        color: 'ff7000',
        birthday: '0004-02-29',
        pronouns: 'they/them',
        avatar_url: 'https://example.com/a.png',
        webhook_avatar_url: 'https://example.com/w.png',
        banner: 'https://example.com/b.png',
        description: `About ${bits}`,
        keep_proxy: bits % 3 === 0,
        tts: bits % 5 === 0,
        proxy_tags: [{ prefix: `${bits}:`, suffix: null }],
        message_count: bits,
        last_message_timestamp: '2024-05-01T12:00:00.5Z',
        privacy: combination(MEMBER_PRIVACY_KEYS, bits),
      });
    }
  });

  it('publicMemberList(owner list) equals the unauthenticated and the other-system list', async () => {
    const ownerView = await client.getSystemMembers('@me', { token: owner.token });
    expect(ownerView).toHaveLength(combos.length);
    const expected = byId(publicMemberList(ownerView));
    expect(expected.length).toBe(combos.length / 2); // visibility is one bit
    expect(byId(await client.getSystemMembers(owner.id))).toEqual(expected);
    expect(byId(await client.getSystemMembers(owner.id, { token: stranger.token }))).toEqual(expected);
  });

  it('publicMember(owner view) equals the direct lookup of every member, hidden ones included', async () => {
    const ownerView = await client.getSystemMembers('@me', { token: owner.token });
    await inBatches(ownerView, 16, async (member) => {
      const expected = publicMember(member);
      expect(await client.getMember(member.id)).toEqual(expected);
      expect(await client.getMember(member.uuid, { token: stranger.token })).toEqual(expected);
    });
  });
});

describe('systems: all 2^9 privacy combinations', () => {
  const combos = Array.from({ length: 1 << SYSTEM_PRIVACY_KEYS.length }, (_, bits) => bits);

  it('publicSystem equals the public view, and the list/front predicates match the server', async () => {
    const stranger = emulator.seedSystem().token!;
    const systems = combos.map((bits) => {
      const seeded = emulator.seedSystem({
        name: `System ${bits}`,
        description: 'desc',
        tag: '| tag',
        pronouns: 'we/us',
        avatar_url: 'https://example.com/s.png',
        banner: 'https://example.com/sb.png',
        color: 'AbCdEf',
        webhook_url: 'https://example.com/hook',
        privacy: combination(SYSTEM_PRIVACY_KEYS, bits),
      });
      const member = emulator.seedMember(seeded.id, { name: 'Front' });
      emulator.seedSwitch(seeded.id, { timestamp: '2024-05-01T12:00:00Z', members: [member.id] });
      return seeded;
    });
    await inBatches(systems, 16, async (seeded) => {
      const ownerView = await client.getSystem(seeded.id, { token: seeded.token! });
      expect(ownerView.webhook_url).toBe('https://example.com/hook');
      const expected = publicSystem(ownerView);
      expect(await client.getSystem(seeded.id)).toEqual(expected);
      expect(await client.getSystem(seeded.uuid, { token: stranger })).toEqual(expected);

      const lists: Array<[boolean, () => Promise<unknown>, number]> = [
        [isMemberListPublic(ownerView), () => client.getSystemMembers(seeded.id), 30001],
        [isGroupListPublic(ownerView), () => client.getSystemGroups(seeded.id), 30002],
        [isFrontPublic(ownerView), () => client.getFronters(seeded.id, { token: stranger }), 30004],
        [isFrontHistoryPublic(ownerView), () => client.getSystemSwitches(seeded.id), 30005],
      ];
      for (const [allowed, call, code] of lists) {
        if (allowed) await call();
        else await expectRefused(call(), code);
      }
    });
  }, HEAVY_MS);
});

describe('groups: all 2^7 privacy combinations', () => {
  it('publicGroupList / publicGroup equal the server, with members left out as the server does', async () => {
    const system = emulator.seedSystem({ name: 'Groups' });
    const token = system.token!;
    const shown = emulator.seedMember(system.id, { name: 'Shown' });
    const hidden = emulator.seedMember(system.id, { name: 'Hidden', privacy: { visibility: 'private' } });
    const combos = Array.from({ length: 1 << GROUP_PRIVACY_KEYS.length }, (_, bits) => bits);
    for (const bits of combos) {
      emulator.seedGroup(system.id, {
        name: `Group ${bits}`,
        display_name: bits % 2 === 1 ? `Shown group ${bits}` : null,
        description: 'd',
        icon: 'https://example.com/i.png',
        banner: 'https://example.com/gb.png',
        color: '00ff00',
        privacy: combination(GROUP_PRIVACY_KEYS, bits),
        members: [shown.id, hidden.id],
      });
    }
    const ownerMembers = await client.getSystemMembers('@me', { token });
    const ownerGroups = await client.getSystemGroups('@me', { withMembers: true }, { token });
    expect(ownerGroups).toHaveLength(combos.length);
    expect(byId(await client.getSystemGroups(system.id, { withMembers: true }))).toEqual(byId(publicGroupList(ownerGroups, ownerMembers)));
    expect(byId(await client.getSystemGroups(system.id))).toEqual(byId(publicGroupList(await client.getSystemGroups('@me', {}, { token }))));

    const ownerPlain: Group[] = await client.getSystemGroups('@me', {}, { token });
    await inBatches(ownerPlain, 16, async (group) => {
      expect(await client.getGroup(group.id)).toEqual(publicGroup(group));
      if (isGroupMemberListPublic(group)) {
        const ownerList: Member[] = await client.getGroupMembers(group.id, { token });
        expect(byId(await client.getGroupMembers(group.id))).toEqual(byId(publicMemberList(ownerList)));
      } else {
        await expectRefused(client.getGroupMembers(group.id), 30003);
      }
    });
  });
});

describe('switches, messages and settings', () => {
  it('publicSwitch keeps hidden fronters with their public fields', async () => {
    const system = emulator.seedSystem();
    const token = system.token!;
    const a = emulator.seedMember(system.id, { name: 'A', display_name: 'Ay', privacy: { name_privacy: 'private', visibility: 'private' } });
    const b = emulator.seedMember(system.id, { name: 'B', description: 'x', privacy: { description_privacy: 'private', proxy_privacy: 'private' }, proxy_tags: [{ prefix: 'b:' }] });
    const entry = emulator.seedSwitch(system.id, { timestamp: '2024-05-01T12:00:00.123456Z', members: [a.id, b.id] });
    const ownerFronters = await client.getFronters('@me', { token });
    expect(ownerFronters).not.toBeNull();
    const expected = publicSwitch(ownerFronters!);
    expect(expected.members.map((m) => m.name)).toEqual(['Ay', 'B']);
    expect(await client.getFronters(system.id)).toEqual(expected);
    expect(await client.getSwitch(system.id, entry.id)).toEqual(publicSwitch(await client.getSwitch('@me', entry.id, { token })));
  });

  it('publicMessage equals the public message lookup', async () => {
    const system = emulator.seedSystem({ name: 'Msg', privacy: { name_privacy: 'private', avatar_privacy: 'private' }, avatar_url: 'https://example.com/x.png' });
    const member = emulator.seedMember(system.id, { name: 'Real', display_name: 'Alias', pronouns: 'she/her', privacy: { name_privacy: 'private', pronoun_privacy: 'private' } });
    emulator.seedMessage({ id: '1200000000000000000', original: '1199999999999999999', sender: '123456789012345678', channel: '223456789012345678', guild: '323456789012345678', system: system.id, member: member.id });
    const ownerView = await client.getMessage('1200000000000000000', { token: system.token! });
    expect(ownerView.member?.system).toBeUndefined();
    expect(ownerView.member?.name).toBe('Real');
    expect(await client.getMessage('1200000000000000000')).toEqual(publicMessage(ownerView));
  });

  it('publicSystemSettings equals what a non-owner receives', async () => {
    const system = emulator.seedSystem({ settings: { timezone: 'Europe/Berlin', latch_timeout: 60, proxy_switch: 'add', name_format: '{name} ({tag})', description_templates: ['t'] } });
    const ownerView = await client.getSystemSettings(system.id, { token: system.token! });
    expect(isOwnerSettings(ownerView)).toBe(true);
    if (!isOwnerSettings(ownerView)) return;
    expect(ownerView.timezone).toBe('Europe/Berlin');
    const publicView = await client.getSystemSettings(system.id);
    expect(isOwnerSettings(publicView)).toBe(false);
    expect(publicView).toEqual(publicSystemSettings(ownerView));
  });
});
