import type { Group, Member, SwitchSummary } from '../pluralkit/models.js';
import type { PluralKitClient } from '../pluralkit/client.js';
import { DEFAULT_LIST_CACHE_LIMITS, type ListCacheLimits } from '../resolve/list-cache-limits.js';
import { EntityListCache } from '../resolve/member-cache.js';
import { recentFronterIds, withSwitch } from '../resolve/recent-fronters.js';
import type { Versions } from '../shared-state/shared-state.js';

/*
 * Lists change when someone writes, not with the clock: our own writes patch the writer's cached
 * list with PluralKit's answer (`patched`; dropped when there is none) and drop everyone else's,
 * on every instance (each list read compares the system's list version, shared through
 * REDIS_URL, with the one it was loaded under), and a name that is not found triggers one fresh
 * read (members created with `pk;` are found that way). The lifetime only bounds how stale a
 * rename made elsewhere can look.
 */
const LIST_TTL_MS = 10 * 60_000;
const TIMEZONE_TTL_MS = 10 * 60_000;
/** Groups are few and small beside members: a fifth of the list memory is theirs. */
const GROUP_LIST_SHARE = 0.2;
/** The latest switches (for recent fronters) are a few kilobytes per user. */
const SWITCH_LIST_SHARE = 0.02;
/** How many of the latest switches an empty member autocomplete draws recent fronters from. */
const RECENT_SWITCHES = 20;
/** Fronts change more often than lists, and often through `pk;`: a shorter lifetime, refreshed in the background. */
const RECENT_SWITCHES_TTL_MS = 60_000;
/** Small per-user facts (zone, creation time) kept at most for this many users; a clear costs one re-read each. */
const MAX_REMEMBERED = 10_000;

export interface OwnSystemAuth {
  token: string;
  systemId: string;
}

export type OwnList = 'members' | 'groups';

/**
 * Per-user caches of the caller's own system: the member and group lists (owner view, for name
 * resolution and autocomplete) and the time zone (for `at`). Keys combine the Discord user and the
 * system their token belongs to, so cached data never crosses from one auth context to another.
 */
export class SystemDirectory {
  private readonly members: EntityListCache<Member>;
  /** With `with_members`: each group carries its member UUIDs, for counts without more requests. */
  private readonly groups: EntityListCache<Group>;
  /** The latest switches, newest first: the current and recent fronters an empty member autocomplete offers first. */
  private readonly switches: EntityListCache<SwitchSummary>;
  private readonly timezones = new Map<string, { zone: string; expiresAt: number }>();
  /** A system's creation time never changes; kept per auth context like everything else here. */
  private readonly created = new Map<string, Date>();
  /** `list key` → the version stamp each cached list was loaded under (see `current`). */
  private readonly loadedUnder = new Map<string, string | null>();

  /** `limits.maxBytes` is shared: member lists get most of it, group lists (far smaller) the rest. */
  constructor(
    private readonly pluralkit: PluralKitClient,
    /** The lists' versions, shared by every instance (or this process's own). */
    private readonly versions: Versions,
    limits: ListCacheLimits = DEFAULT_LIST_CACHE_LIMITS,
  ) {
    const groupShare = Math.floor(limits.maxBytes * GROUP_LIST_SHARE);
    const switchShare = Math.floor(limits.maxBytes * SWITCH_LIST_SHARE);
    const { idleMs, onIdleDropped } = limits;
    this.members = new EntityListCache<Member>({ ttlMs: LIST_TTL_MS, idleMs, onIdleDropped, maxBytes: limits.maxBytes - groupShare - switchShare });
    this.groups = new EntityListCache<Group>({ ttlMs: LIST_TTL_MS, idleMs, onIdleDropped, maxBytes: groupShare });
    this.switches = new EntityListCache<SwitchSummary>({ ttlMs: RECENT_SWITCHES_TTL_MS, idleMs, onIdleDropped, maxBytes: switchShare });
  }

  /** Stops the caches' idle sweepers (at shutdown). */
  dispose(): void {
    this.members.dispose();
    this.groups.dispose();
    this.switches.dispose();
  }

  private key(userId: string, auth: OwnSystemAuth): string {
    return `${userId}:${auth.systemId}`;
  }

  /** Whether a key is of that system, whichever user it is for. */
  private ofSystem(systemId: string): (key: string) => boolean {
    return (key) => key.endsWith(`:${systemId}`);
  }

  private loader(list: OwnList, auth: OwnSystemAuth): () => Promise<Member[] | Group[]> {
    return list === 'members'
      ? () => this.pluralkit.getSystemMembers('@me', { token: auth.token })
      : () => this.pluralkit.getSystemGroups('@me', { withMembers: true }, { token: auth.token });
  }

  private cacheOf(list: OwnList): EntityListCache<Member | Group> {
    return (list === 'members' ? this.members : this.groups) as EntityListCache<Member | Group>;
  }

  private versionKey(what: OwnList | 'timezone', auth: OwnSystemAuth): string {
    return `${what}:${auth.systemId}`;
  }

  /**
   * Drops what is cached of `what` for the user when the system's version of it changed since it
   * was loaded (our own write, here or on another instance). Unnoted counts as changed.
   */
  private async current(what: OwnList | 'timezone', userId: string, auth: OwnSystemAuth): Promise<void> {
    const key = this.key(userId, auth);
    const stamp = await this.versions.stamp(this.versionKey(what, auth));
    const noted = `${what} ${key}`;
    if (this.loadedUnder.get(noted) !== stamp) {
      if (what === 'timezone') this.timezones.delete(key);
      else this.cacheOf(what).invalidate(key);
    }
    if (this.loadedUnder.size >= MAX_REMEMBERED * 3) this.loadedUnder.clear();
    this.loadedUnder.set(noted, stamp);
  }

  async ownMembers(userId: string, auth: OwnSystemAuth): Promise<Member[]> {
    await this.current('members', userId, auth);
    return this.members.get(this.key(userId, auth), this.loader('members', auth) as () => Promise<Member[]>);
  }

  async ownGroups(userId: string, auth: OwnSystemAuth): Promise<Group[]> {
    await this.current('groups', userId, auth);
    return this.groups.get(this.key(userId, auth), this.loader('groups', auth) as () => Promise<Group[]>);
  }

  /** Whether the list is cached and fresh, i.e. reading it now sends no request. */
  isFresh(list: OwnList, userId: string, auth: OwnSystemAuth): boolean {
    return (list === 'members' ? this.members : this.groups).isFresh(this.key(userId, auth));
  }

  /** Whatever is cached, without loading (stale or not). */
  peek(list: 'members', userId: string, auth: OwnSystemAuth): Member[] | undefined;
  peek(list: 'groups', userId: string, auth: OwnSystemAuth): Group[] | undefined;
  peek(list: OwnList, userId: string, auth: OwnSystemAuth): Member[] | Group[] | undefined;
  peek(list: OwnList, userId: string, auth: OwnSystemAuth): Member[] | Group[] | undefined {
    return (list === 'members' ? this.members : this.groups).peek(this.key(userId, auth));
  }

  /**
   * Autocomplete never waits long on the network: the cached list at once
   * (refreshed in the background when stale), or at most `waitMs` for a first load.
   */
  forAutocomplete(list: 'members', userId: string, auth: OwnSystemAuth, waitMs: number): Promise<Member[] | undefined>;
  forAutocomplete(list: 'groups', userId: string, auth: OwnSystemAuth, waitMs: number): Promise<Group[] | undefined>;
  async forAutocomplete(list: OwnList, userId: string, auth: OwnSystemAuth, waitMs: number): Promise<Member[] | Group[] | undefined> {
    await this.current(list, userId, auth);
    return this.cacheOf(list).getWithin(this.key(userId, auth), this.loader(list, auth), waitMs) as Promise<Member[] | Group[] | undefined>;
  }

  /** This user's cached list, here only: a name it lacks may have been made elsewhere (`pk;`), so it is read again. */
  forget(list: OwnList, userId: string, auth: OwnSystemAuth): void {
    this.cacheOf(list).invalidate(this.key(userId, auth));
  }

  /**
   * After our own writes to members or groups (membership changes touch both views): the lists
   * of every user of the system, on every instance. Settled once no instance can serve the old list.
   */
  async changed(list: OwnList | 'all', userId: string, auth: OwnSystemAuth): Promise<void> {
    const lists: OwnList[] = list === 'all' ? ['members', 'groups'] : [list];
    for (const each of lists) this.forget(each, userId, auth);
    await Promise.all(lists.map((each) => this.versions.change(this.versionKey(each, auth))));
  }

  /**
   * After the user's own write whose answer is known: as `changed` for every other user and
   * instance, while this user's cached list, if any, becomes `change(list)` (null drops it) and
   * counts as loaded under the new version, so their next command sends no reload.
   */
  async patched(list: 'members', userId: string, auth: OwnSystemAuth, change: (members: Member[]) => Member[] | null): Promise<void>;
  async patched(list: 'groups', userId: string, auth: OwnSystemAuth, change: (groups: Group[]) => Group[] | null): Promise<void>;
  async patched(list: OwnList, userId: string, auth: OwnSystemAuth, change: (entities: Array<Member | Group>) => Array<Member | Group> | null): Promise<void>;
  async patched(list: OwnList, userId: string, auth: OwnSystemAuth, change: (entities: never[]) => Array<Member | Group> | null): Promise<void> {
    const key = this.key(userId, auth);
    this.cacheOf(list).updateWhere((other) => other === key, change as (entities: Array<Member | Group>) => Array<Member | Group> | null);
    const version = this.versionKey(list, auth);
    await this.versions.change(version);
    this.loadedUnder.set(`${list} ${key}`, await this.versions.stamp(version));
  }

  /**
   * For an empty member autocomplete: the current fronters, then recent ones (member IDs), from
   * the cached latest switches. Never waits: undefined until they are cached, and a missing or
   * stale list is read in the background for the next keystroke.
   */
  recentFronters(userId: string, auth: OwnSystemAuth): string[] | undefined {
    const latest = this.switches.peekAndRefresh(this.key(userId, auth), () => this.pluralkit.getSystemSwitches('@me', { limit: RECENT_SWITCHES }, { token: auth.token }));
    return latest && recentFronterIds(latest);
  }

  /**
   * After our own switch write, for every user of the system: a switch we registered is put into
   * the cached latest switches; any other change (edit, move, delete) drops them.
   */
  switchesChanged(systemId: string, registered?: SwitchSummary): void {
    this.switches.updateWhere(this.ofSystem(systemId), (latest) => (registered ? withSwitch(latest, registered, RECENT_SWITCHES) : null));
  }

  /**
   * After a change made in PluralKit itself (a dispatch event): that system's lists, whoever they
   * are kept for, on every instance (their version changes), so autocomplete follows `pk;` and
   * the dashboard; the latest switches are dropped here.
   */
  async changedElsewhere(systemId: string, what: OwnList | 'switches'): Promise<void> {
    if (what === 'switches') {
      this.switches.updateWhere(this.ofSystem(systemId), () => null);
      return;
    }
    this.cacheOf(what).updateWhere(this.ofSystem(systemId), () => null);
    await this.versions.change(`${what}:${systemId}`);
  }

  /** After the user changed their time zone with us: every instance reads it again before its next `at`. */
  async timezoneChanged(userId: string, auth: OwnSystemAuth): Promise<void> {
    this.timezones.delete(this.key(userId, auth));
    await this.versions.change(this.versionKey('timezone', auth));
  }

  /** When the caller's system was created: no switch can be older. */
  async systemCreated(userId: string, auth: OwnSystemAuth): Promise<Date | null> {
    const key = this.key(userId, auth);
    const cached = this.created.get(key);
    if (cached) return cached;
    const system = await this.pluralkit.getSystem('@me', { token: auth.token });
    const created = system.created ? new Date(system.created) : null;
    if (created && !Number.isNaN(created.getTime())) {
      if (this.created.size >= MAX_REMEMBERED) this.created.clear();
      this.created.set(key, created);
    }
    return created;
  }

  async timezone(userId: string, auth: OwnSystemAuth): Promise<string> {
    await this.current('timezone', userId, auth);
    const key = this.key(userId, auth);
    const cached = this.timezones.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.zone;
    const settings = await this.pluralkit.getSystemSettings('@me', { token: auth.token });
    const zone = settings.timezone ?? 'UTC';
    if (this.timezones.size >= MAX_REMEMBERED) this.timezones.clear();
    this.timezones.set(key, { zone, expiresAt: Date.now() + TIMEZONE_TTL_MS });
    return zone;
  }
}
