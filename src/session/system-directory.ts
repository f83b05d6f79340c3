import type { Member } from '../pluralkit/models.js';
import type { PluralKitClient } from '../pluralkit/client.js';
import { EntityListCache } from '../resolve/member-cache.js';

const MEMBER_LIST_TTL_MS = 60_000;
const TIMEZONE_TTL_MS = 10 * 60_000;

export interface OwnSystemAuth {
  token: string;
  systemId: string;
}

/**
 * Per-user caches of the caller's own system: the member list (owner view, for
 * name resolution and autocomplete) and the time zone (for `at`). Keys combine
 * the Discord user and the system their token belongs to, so cached data never
 * crosses from one auth context to another.
 */
export class SystemDirectory {
  private readonly members = new EntityListCache<Member>({ ttlMs: MEMBER_LIST_TTL_MS });
  private readonly timezones = new Map<string, { zone: string; expiresAt: number }>();

  constructor(private readonly pluralkit: PluralKitClient) {}

  private key(userId: string, auth: OwnSystemAuth): string {
    return `${userId}:${auth.systemId}`;
  }

  ownMembers(userId: string, auth: OwnSystemAuth): Promise<Member[]> {
    return this.members.get(this.key(userId, auth), () => this.pluralkit.getSystemMembers('@me', { token: auth.token }));
  }

  /**
   * Autocomplete never waits long on the network: the cached list at once
   * (refreshed in the background when stale), or at most `waitMs` for a first load.
   */
  membersForAutocomplete(userId: string, auth: OwnSystemAuth, waitMs: number): Promise<Member[] | undefined> {
    return this.members.getWithin(this.key(userId, auth), () => this.pluralkit.getSystemMembers('@me', { token: auth.token }), waitMs);
  }

  /** After the user's own writes to members. */
  forgetMembers(userId: string, auth: OwnSystemAuth): void {
    this.members.invalidate(this.key(userId, auth));
  }

  async timezone(userId: string, auth: OwnSystemAuth): Promise<string> {
    const key = this.key(userId, auth);
    const cached = this.timezones.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.zone;
    const settings = await this.pluralkit.getSystemSettings('@me', { token: auth.token });
    const zone = settings.timezone ?? 'UTC';
    this.timezones.set(key, { zone, expiresAt: Date.now() + TIMEZONE_TTL_MS });
    return zone;
  }
}
