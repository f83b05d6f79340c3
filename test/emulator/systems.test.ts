import { beforeEach, describe, expect, it } from 'vitest';
import type { PluralKitEmulator, SeededSystem } from '../support/pluralkit-emulator/index.js';
import { call, expectPkError, useQuietEmulator } from './helpers.js';

const emulator = useQuietEmulator();
let pk: PluralKitEmulator;
let system: SeededSystem;
let other: SeededSystem;

beforeEach(() => {
  pk = emulator();
  system = pk.seedSystem({
    name: 'Secret Name',
    description: 'desc',
    tag: '| tag',
    pronouns: 'they/them',
    avatar_url: 'https://media.discordapp.net/attachments/1/2/a.png?width=100',
    color: 'FF00aa',
    created: '2021-11-07T05:29:06.593446Z',
    webhook_url: 'https://example.com/hook',
    privacy: { name_privacy: 'private', pronoun_privacy: 'private' },
  });
  other = pk.seedSystem({ name: 'Other' });
});

describe('GET /systems/{ref}', () => {
  it('shows everything to the owner, including webhook_url and privacy', async () => {
    const response = await call(pk, 'GET', '/systems/@me', { token: system.token });
    expect(response.json).toEqual({
      id: system.id,
      uuid: system.uuid,
      name: 'Secret Name',
      description: 'desc',
      tag: '| tag',
      pronouns: 'they/them',
      avatar_url: 'https://cdn.discordapp.com/attachments/1/2/a.png',
      banner: null,
      color: 'FF00aa',
      created: '2021-11-07T05:29:06.593446Z',
      webhook_url: 'https://example.com/hook',
      privacy: expect.objectContaining({ name_privacy: 'private', pronoun_privacy: 'private', front_privacy: 'public' }),
    });
  });

  it('applies field privacy for other systems and anonymous callers, and omits webhook_url', async () => {
    for (const token of [undefined, other.token]) {
      const body = (await call(pk, 'GET', `/systems/${system.id}`, { token })).json as Record<string, unknown>;
      expect(body.name).toBeNull();
      expect(body.pronouns).toBeNull();
      expect(body.description).toBe('desc');
      expect(body.tag).toBe('| tag');
      expect(body.privacy).toBeNull();
      expect('webhook_url' in body).toBe(false);
    }
  });
});

describe('PATCH /systems/{ref}', () => {
  it('updates fields, stores empty strings as null and "" privacy as private', async () => {
    const response = await call(pk, 'PATCH', `/systems/${system.id}`, {
      token: system.token,
      body: { name: 'New', description: '   ', privacy: { front_privacy: '', name_privacy: null }, unknown_key: 1 },
    });
    expect(response.status).toBe(200);
    const body = response.json as { name: string; description: unknown; privacy: Record<string, string> };
    expect(body.name).toBe('New');
    expect(body.description).toBeNull();
    expect(body.privacy.front_privacy).toBe('private');
    expect(body.privacy.name_privacy).toBe('public');
  });

  it('answers PATCH {} and unknown-keys-only with a generic 400', async () => {
    expectPkError(await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: {} }), 400, 0, '400: Bad Request');
    expectPkError(await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: { id: 'zzzzz' } }), 400, 0);
  });

  it('reports every invalid field with its own 40001 entry', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me', {
      token: system.token,
      body: {
        name: 'x'.repeat(101),
        tag: 't'.repeat(80),
        color: '#ff0000',
        avatar_url: 'http://example.com/a.png',
        banner: `https://example.com/${'b'.repeat(250)}`,
        privacy: { visibility: 'public', member_list_privacy: 'hidden' },
      },
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      message: 'Error parsing JSON model',
      code: 40001,
      errors: {
        name: [{ message: 'Field name is too long.', actual_length: 101, max_length: 100 }],
        tag: [{ message: 'Field tag is too long.', actual_length: 80, max_length: 79 }],
        color: [{ message: 'Field color is invalid.' }],
        avatar_url: [{ message: 'Field avatar_url is invalid.' }],
        banner: [{ message: 'Field banner is too long.', actual_length: 270, max_length: 256 }],
        member_list_privacy: [{ message: 'Field member_list_privacy is invalid.' }],
      },
    });
  });

  it('answers a privacy value that is not an object with a generic 400', async () => {
    expectPkError(await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: { privacy: 'private' } }), 400, 0);
  });

  it('refuses other systems and anonymous callers with 403 code 0 when the ref is not @me', async () => {
    for (const token of [other.token, undefined]) {
      const response = await call(pk, 'PATCH', `/systems/${system.id}`, { token, body: { name: 'x' } });
      expectPkError(response, 403, 0, '403: Missing permissions to access this resource');
    }
  });

  it('accepts any ref that resolves to the caller', async () => {
    const response = await call(pk, 'PATCH', `/systems/${system.uuid.toUpperCase()}`, { token: system.token, body: { tag: null } });
    expect((response.json as { tag: unknown }).tag).toBeNull();
  });
});

describe('settings', () => {
  it('shows full settings to the owner without card_show_color_hex and with the default name_format', async () => {
    const body = (await call(pk, 'GET', '/systems/@me/settings', { token: system.token })).json as Record<string, unknown>;
    expect(body.timezone).toBe('UTC');
    expect(body.member_limit).toBe(1000);
    expect(body.name_format).toBe('{name} {tag}');
    expect('card_show_color_hex' in body).toBe(false);
  });

  it('shows only the public subset to others', async () => {
    const body = (await call(pk, 'GET', `/systems/${system.id}/settings`)).json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'case_sensitive_proxy_tags',
        'hid_display_caps',
        'hid_display_split',
        'hid_list_padding',
        'latch_timeout',
        'name_format',
        'pings_enabled',
        'proxy_error_message_enabled',
        'proxy_switch',
      ].sort(),
    );
  });

  it('returns the .NET shape from PATCH: card_show_color_hex present, name_format null when unset', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me/settings', {
      token: system.token,
      body: { timezone: 'Europe/Berlin', card_show_color_hex: true, proxy_switch: 'bogus', show_private_info: false },
    });
    const body = response.json as Record<string, unknown>;
    expect(body.timezone).toBe('Europe/Berlin');
    expect(body.card_show_color_hex).toBe(true);
    expect(body.name_format).toBeNull();
    expect(body.proxy_switch).toBe('off');
    expect(body.show_private_info).toBe(true);
  });

  it('validates timezone and description templates', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me/settings', {
      token: system.token,
      body: { timezone: 'Mars/Olympus', description_templates: ['a', 'b', 'c', 'd'] },
    });
    expect(response.json).toEqual({
      message: 'Error parsing JSON model',
      code: 40001,
      errors: {
        timezone: [{ message: 'Field timezone is invalid.' }],
        description_templates: [{ message: 'Field description_templates is too long.', actual_length: 4, max_length: 3 }],
      },
    });
  });

  it('reports an over-long description template with production\'s swapped lengths', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me/settings', {
      token: system.token,
      body: { description_templates: ['ok', 'x'.repeat(1001)] },
    });
    expect(response.json).toMatchObject({
      code: 40001,
      errors: {
        'description_templates[1]': [{ message: 'Field description_templates[1] is too long.', actual_length: 1000, max_length: 1001 }],
      },
    });
  });

  it('answers timezone null with 500 and an empty patch with 400', async () => {
    expect((await call(pk, 'PATCH', '/systems/@me/settings', { token: system.token, body: { timezone: null } })).status).toBe(500);
    expectPkError(await call(pk, 'PATCH', '/systems/@me/settings', { token: system.token, body: { member_limit: 5 } }), 400, 0);
  });
});

describe('system guild settings', () => {
  it('answers 20009 until a row exists, then reads and patches it', async () => {
    expectPkError(
      await call(pk, 'GET', '/systems/@me/guilds/111111111111111111', { token: system.token }),
      404,
      20009,
      'No system guild settings found for target guild.',
    );
    pk.seedSystemGuildSettings(system.id, '111111111111111111', { tag: 'guild tag' });
    const read = await call(pk, 'GET', '/systems/@me/guilds/111111111111111111', { token: system.token });
    expect(read.json).toEqual({
      proxying_enabled: true,
      tag: 'guild tag',
      tag_enabled: true,
      avatar_url: null,
      display_name: null,
      name_format: null,
    });
    const patched = await call(pk, 'PATCH', '/systems/@me/guilds/111111111111111111', {
      token: system.token,
      body: { proxying_enabled: null, tag_enabled: false, display_name: 'Guild Name' },
    });
    expect(patched.json).toMatchObject({ proxying_enabled: true, tag_enabled: false, display_name: 'Guild Name' });
  });

  it('validates guild settings fields', async () => {
    pk.seedSystemGuildSettings(system.id, '111111111111111111');
    const response = await call(pk, 'PATCH', '/systems/@me/guilds/111111111111111111', {
      token: system.token,
      body: { tag: 't'.repeat(80), avatar_url: 'ftp://example.com/a.png' },
    });
    expect(response.json).toEqual({
      message: 'Error parsing JSON model',
      code: 40001,
      errors: {
        tag: [{ message: 'Field tag is too long.', actual_length: 80, max_length: 79 }],
        avatar_url: [{ message: 'Field avatar_url is invalid.' }],
      },
    });
    expectPkError(await call(pk, 'PATCH', '/systems/@me/guilds/111111111111111111', { token: system.token, body: { proxying_enabled: null } }), 400, 0);
  });

  it('rejects a non-numeric guild ID with a generic 400 and other systems with 403', async () => {
    expectPkError(await call(pk, 'GET', '/systems/@me/guilds/abc', { token: system.token }), 400, 0);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/guilds/1`, { token: other.token }), 403, 0);
  });
});

describe('autoproxy', () => {
  it('creates a default row on read and answers 501 for non-guild scopes after the owner check', async () => {
    const read = await call(pk, 'GET', '/systems/@me/autoproxy?guild_id=5', { token: system.token });
    expect(read.json).toEqual({ autoproxy_mode: 'off', autoproxy_member: null, last_latch_timestamp: null });
    expectPkError(await call(pk, 'GET', '/systems/@me/autoproxy', { token: system.token }), 501, 50001, 'Unimplemented');
    expectPkError(await call(pk, 'GET', '/systems/@me/autoproxy?guild_id=5&channel_id=6', { token: system.token }), 501, 50001);
    expectPkError(await call(pk, 'GET', `/systems/${system.id}/autoproxy`, { token: other.token }), 403, 0);
  });

  it('applies the member-mode rules', async () => {
    const member = pk.seedMember(system.id, { name: 'Ap' });
    const foreign = pk.seedMember(other.id, { name: 'Foreign' });
    const path = '/systems/@me/autoproxy?guild_id=5';
    const needsMember = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'member' } });
    expect(needsMember.json).toMatchObject({
      code: 40001,
      errors: { autoproxy_member: [{ message: "An autoproxy member must be supplied for autoproxy mode 'member'" }] },
    });
    const invalidMode = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'sometimes' } });
    expect(invalidMode.json).toMatchObject({ errors: { autoproxy_mode: [{ message: 'Field autoproxy_mode is invalid.' }] } });
    const unknown = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'member', autoproxy_member: 'zzzzzz' } });
    expect(unknown.json).toMatchObject({ errors: { autoproxy_member: [{ message: 'Member not found.' }] } });
    expectPkError(
      await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'member', autoproxy_member: foreign.id } }),
      403,
      0,
    );
    const set = await call(pk, 'PATCH', path, {
      token: system.token,
      body: { autoproxy_mode: 'member', autoproxy_member: member.id.toUpperCase() },
    });
    expect(set.json).toMatchObject({ autoproxy_mode: 'member', autoproxy_member: member.id });
    const frontWithMember = await call(pk, 'PATCH', path, {
      token: system.token,
      body: { autoproxy_mode: 'front', autoproxy_member: member.id },
    });
    expect(frontWithMember.status).toBe(400);
    const front = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'front' } });
    expect(front.json).toMatchObject({ autoproxy_mode: 'front', autoproxy_member: null });
  });

  it('lets latch carry a member, ignores a null member and clears it when switching off', async () => {
    const member = pk.seedMember(system.id, { name: 'Latchy' });
    const path = '/systems/@me/autoproxy?guild_id=5';
    await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'latch', autoproxy_member: member.uuid } });
    const keep = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_member: null } });
    expect(keep.json).toMatchObject({ autoproxy_mode: 'latch', autoproxy_member: member.id });
    const off = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'off' } });
    // Production's stale answer: the cleared member is still named; a GET shows the truth.
    expect(off.json).toMatchObject({ autoproxy_mode: 'off', autoproxy_member: member.id });
    expect((await call(pk, 'GET', path, { token: system.token })).json).toMatchObject({ autoproxy_mode: 'off', autoproxy_member: null });
    const memberMode = await call(pk, 'PATCH', path, { token: system.token, body: { autoproxy_mode: 'member' } });
    expect(memberMode.status).toBe(400);
  });
});

describe('oembed', () => {
  it('uses the privacy-filtered system name', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}/oembed.json`);
    expect(response.json).toEqual({
      type: 'rich',
      provider_name: 'PluralKit System',
      provider_url: 'https://pluralkit.me',
      title: `System with ID \`${system.id}\``,
    });
    const member = pk.seedMember(other.id, { name: 'Mem', display_name: 'Shown' });
    const memberEmbed = await call(pk, 'GET', `/members/${member.id}/oembed.json`);
    expect((memberEmbed.json as { title: string }).title).toBe('Shown (Other)');
  });
});
