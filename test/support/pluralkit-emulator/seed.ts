import type { z } from 'zod';
import { newGroupRecord } from './handlers/groups.js';
import { newMemberRecord } from './handlers/members.js';
import { generateHid, generateToken, generateUuid, normalizeUuid } from './ids.js';
import {
  SYSTEM_PRIVACY_KEYS,
  allPublic,
  defaultMemberGuildSettings,
  defaultSystemGuildSettings,
  defaultSystemSettings,
  type SwitchRecord,
  type SystemRecord,
} from './model.js';
import { resolveMemberForSeed, resolveSystemForSeed } from './refs.js';
import {
  autoproxySeedSchema,
  groupSeedSchema,
  memberGuildSeedSchema,
  memberSeedSchema,
  messageSeedSchema,
  switchSeedSchema,
  systemGuildSeedSchema,
  systemSeedSchema,
  type AutoproxySeed,
  type GroupSeed,
  type MemberSeed,
  type MessageSeed,
  type SwitchSeed,
  type SystemSeed,
} from './seed-schemas.js';
import type { Store } from './store.js';
import { formatExtendedIso, nowMicros, seedTimestamp } from './time.js';

export interface SeededSystem {
  id: string;
  uuid: string;
  token: string | null;
  accounts: string[];
}

export interface SeededMember {
  id: string;
  uuid: string;
  name: string;
  system: string;
}

export interface SeededGroup {
  id: string;
  uuid: string;
  name: string;
  system: string;
}

export interface SeededSwitch {
  id: string;
  timestamp: string;
}

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`seed ${what}: ${result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return result.data;
}

function uniqueUuid(requested: string | undefined, taken: (uuid: string) => boolean, what: string): string {
  if (requested === undefined) return generateUuid();
  const uuid = normalizeUuid(requested);
  if (!uuid) throw new Error(`seed ${what}: invalid uuid '${requested}'`);
  if (taken(uuid)) throw new Error(`seed ${what}: uuid ${uuid} already exists`);
  return uuid;
}

function uniqueHid(requested: string | undefined, taken: (hid: string) => boolean, what: string): string {
  if (requested === undefined) return generateHid(taken);
  if (taken(requested)) throw new Error(`seed ${what}: id ${requested} already exists`);
  return requested;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

export class Seeder {
  constructor(private readonly store: Store) {}

  system(input: SystemSeed = {}): SeededSystem {
    const seed = parse(systemSeedSchema, input, 'system');
    const { store } = this;
    const token = seed.token === undefined ? generateToken() : seed.token;
    if (token !== null && store.systemByToken(token)) throw new Error('seed system: token already in use');
    const accounts = seed.accounts ?? [];
    for (const account of accounts) {
      if (store.systemByAccount(account)) throw new Error(`seed system: account ${account} is already linked`);
    }
    const system: SystemRecord = {
      id: uniqueHid(seed.id, (hid) => store.systemByHid(hid) !== undefined, 'system'),
      uuid: uniqueUuid(seed.uuid, (uuid) => store.systems.has(uuid), 'system'),
      token,
      accounts: [...accounts],
      name: seed.name ?? null,
      description: seed.description ?? null,
      tag: seed.tag ?? null,
      pronouns: seed.pronouns ?? null,
      avatar_url: seed.avatar_url ?? null,
      banner: seed.banner ?? null,
      color: seed.color ?? null,
      created: seed.created === undefined ? nowMicros() : seedTimestamp(seed.created),
      webhook_url: seed.webhook_url ?? null,
      privacy: { ...allPublic(SYSTEM_PRIVACY_KEYS), ...seed.privacy },
      settings: { ...defaultSystemSettings(), ...withoutUndefined(seed.settings ?? {}) },
    };
    store.systems.set(system.uuid, system);
    return { id: system.id, uuid: system.uuid, token: system.token, accounts: [...system.accounts] };
  }

  /** What `pk;token refresh` does: a new token, the old one stops working at once. */
  refreshToken(systemRef: string): string {
    const system = resolveSystemForSeed(this.store, systemRef);
    system.token = generateToken();
    return system.token;
  }

  member(systemRef: string, input: MemberSeed): SeededMember {
    const seed = parse(memberSeedSchema, input, 'member');
    const { store } = this;
    const system = resolveSystemForSeed(store, systemRef);
    const member = newMemberRecord(store, system.uuid, seed.name);
    member.id = uniqueHid(seed.id, (hid) => store.memberByHid(hid) !== undefined, 'member');
    member.uuid = uniqueUuid(seed.uuid, (uuid) => store.members.has(uuid), 'member');
    const { privacy, proxy_tags, created, last_message_timestamp, id: _id, uuid: _uuid, ...fields } = seed;
    Object.assign(member, withoutUndefined(fields));
    if (privacy) Object.assign(member.privacy, privacy);
    if (proxy_tags) member.proxy_tags = proxy_tags.map((tag) => ({ prefix: tag.prefix ?? null, suffix: tag.suffix ?? null }));
    if (created !== undefined) member.created = created === null ? null : seedTimestamp(created);
    if (last_message_timestamp !== undefined) {
      member.last_message_timestamp = last_message_timestamp === null ? null : seedTimestamp(last_message_timestamp);
    }
    store.members.set(member.uuid, member);
    return { id: member.id, uuid: member.uuid, name: member.name, system: system.id };
  }

  group(systemRef: string, input: GroupSeed & { members?: string[] }): SeededGroup {
    const seed = parse(groupSeedSchema, input, 'group');
    const { store } = this;
    const system = resolveSystemForSeed(store, systemRef);
    const group = newGroupRecord(store, system.uuid, seed.name);
    group.id = uniqueHid(seed.id, (hid) => store.groupByHid(hid) !== undefined, 'group');
    group.uuid = uniqueUuid(seed.uuid, (uuid) => store.groups.has(uuid), 'group');
    const { privacy, created, members, id: _id, uuid: _uuid, ...fields } = seed;
    Object.assign(group, withoutUndefined(fields));
    if (privacy) Object.assign(group.privacy, privacy);
    if (created !== undefined) group.created = created === null ? null : seedTimestamp(created);
    for (const ref of members ?? []) {
      const member = resolveMemberForSeed(store, ref);
      if (member.systemUuid !== system.uuid) throw new Error(`seed group: member '${ref}' belongs to another system`);
      if (!group.members.includes(member.uuid)) group.members.push(member.uuid);
    }
    store.groups.set(group.uuid, group);
    return { id: group.id, uuid: group.uuid, name: group.name, system: system.id };
  }

  switch(systemRef: string, input: SwitchSeed): SeededSwitch {
    const seed = parse(switchSeedSchema, input, 'switch');
    const { store } = this;
    const system = resolveSystemForSeed(store, systemRef);
    const timestamp = seedTimestamp(seed.timestamp);
    if (store.switchesOf(system.uuid).some((entry) => entry.timestamp === timestamp)) {
      throw new Error(`seed switch: a switch at ${formatExtendedIso(timestamp)} already exists`);
    }
    const members = seed.members.map((ref) => {
      const member = resolveMemberForSeed(store, ref);
      if (member.systemUuid !== system.uuid) throw new Error(`seed switch: member '${ref}' belongs to another system`);
      return member.uuid;
    });
    const entry: SwitchRecord = { uuid: generateUuid(), systemUuid: system.uuid, timestamp, members };
    store.switches.set(entry.uuid, entry);
    return { id: entry.uuid, timestamp: formatExtendedIso(timestamp) };
  }

  message(input: MessageSeed): void {
    const seed = parse(messageSeedSchema, input, 'message');
    const { store } = this;
    if (store.messages.has(seed.id)) throw new Error(`seed message: ${seed.id} already exists`);
    const system = seed.system === null ? null : resolveSystemForSeed(store, seed.system);
    const member = seed.member === null ? null : resolveMemberForSeed(store, seed.member);
    if (system && member && member.systemUuid !== system.uuid) {
      throw new Error(`seed message: member '${seed.member}' is not in system '${seed.system}'`);
    }
    store.messages.set(seed.id, {
      id: seed.id,
      original: seed.original ?? null,
      sender: seed.sender,
      channel: seed.channel,
      guild: seed.guild ?? null,
      systemUuid: system?.uuid ?? null,
      memberUuid: member?.uuid ?? null,
    });
  }

  systemGuild(systemRef: string, guildId: string, settings: Record<string, unknown> = {}): void {
    const system = resolveSystemForSeed(this.store, systemRef);
    if (!/^\d{1,20}$/.test(guildId)) throw new Error(`seed system guild: invalid guild id '${guildId}'`);
    const parsed = parse(systemGuildSeedSchema, settings, 'system guild settings');
    this.store.systemGuilds.set(`${system.uuid}:${guildId}`, { ...defaultSystemGuildSettings(), ...withoutUndefined(parsed) });
  }

  memberGuild(memberRef: string, guildId: string, settings: Record<string, unknown> = {}): void {
    const member = resolveMemberForSeed(this.store, memberRef);
    if (!/^\d{1,20}$/.test(guildId)) throw new Error(`seed member guild: invalid guild id '${guildId}'`);
    const parsed = parse(memberGuildSeedSchema, settings, 'member guild settings');
    this.store.memberGuilds.set(`${member.uuid}:${guildId}`, { ...defaultMemberGuildSettings(), ...withoutUndefined(parsed) });
  }

  autoproxy(systemRef: string, guildId: string, input: AutoproxySeed): void {
    const system = resolveSystemForSeed(this.store, systemRef);
    if (!/^\d{1,20}$/.test(guildId)) throw new Error(`seed autoproxy: invalid guild id '${guildId}'`);
    const seed = parse(autoproxySeedSchema, input, 'autoproxy');
    let memberUuid: string | null = null;
    if (seed.autoproxy_member) {
      const member = resolveMemberForSeed(this.store, seed.autoproxy_member);
      if (member.systemUuid !== system.uuid) throw new Error('seed autoproxy: member belongs to another system');
      memberUuid = member.uuid;
    }
    this.store.autoproxy.set(`${system.uuid}:${guildId}`, {
      autoproxy_mode: seed.autoproxy_mode,
      memberUuid,
      last_latch_timestamp: seed.last_latch_timestamp ? seedTimestamp(seed.last_latch_timestamp) : null,
    });
  }
}
