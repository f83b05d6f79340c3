import type { FakeUser } from './types.js';

/** Every permission bit Discord currently defines, as the API sends it: a decimal string. */
export const ALL_PERMISSIONS = '2251799813685247';

export const DEFAULT_USER: FakeUser = { id: '100000000000000001', username: 'tester' };

/** Remembers users seen in interactions and DMs so later API answers (e.g. a DM channel's recipient) use the same name. */
export class UserDirectory {
  private readonly known = new Map<string, FakeUser>();

  remember(user: FakeUser): FakeUser {
    const merged = { ...this.known.get(user.id), ...stripUndefined(user) };
    this.known.set(user.id, merged);
    return merged;
  }

  get(id: string): FakeUser {
    return this.known.get(id) ?? { id };
  }
}

export function apiUser(user: FakeUser, extra: { bot?: boolean } = {}): Record<string, unknown> {
  const username = user.username ?? `user${user.id.slice(-4)}`;
  return {
    id: user.id,
    username,
    global_name: user.globalName ?? null,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    ...(extra.bot ? { bot: true } : {}),
  };
}

export function apiMember(user: FakeUser): Record<string, unknown> {
  return {
    user: apiUser(user),
    roles: [],
    permissions: ALL_PERMISSIONS,
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    nick: null,
    avatar: null,
    premium_since: null,
    communication_disabled_until: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  };
}

function stripUndefined(user: FakeUser): FakeUser {
  return Object.fromEntries(Object.entries(user).filter(([, value]) => value !== undefined)) as FakeUser;
}
