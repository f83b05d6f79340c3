import type {
  AutoproxyRecord,
  GroupRecord,
  MemberGuildSettingsRecord,
  MemberRecord,
  MessageRecord,
  SwitchRecord,
  SystemGuildSettingsRecord,
  SystemRecord,
} from './model.js';

/** In-memory tables. Maps keep insertion order, which stands in for "DB order" in list responses. */
export class Store {
  readonly systems = new Map<string, SystemRecord>();
  readonly members = new Map<string, MemberRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly switches = new Map<string, SwitchRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** key: `${systemUuid}:${guildId}` */
  readonly systemGuilds = new Map<string, SystemGuildSettingsRecord>();
  /** key: `${memberUuid}:${guildId}` */
  readonly memberGuilds = new Map<string, MemberGuildSettingsRecord>();
  /** key: `${systemUuid}:${guildId}` */
  readonly autoproxy = new Map<string, AutoproxyRecord>();

  clear(): void {
    this.systems.clear();
    this.members.clear();
    this.groups.clear();
    this.switches.clear();
    this.messages.clear();
    this.systemGuilds.clear();
    this.memberGuilds.clear();
    this.autoproxy.clear();
  }

  systemByHid(hid: string): SystemRecord | undefined {
    for (const system of this.systems.values()) if (system.id === hid) return system;
    return undefined;
  }

  systemByAccount(accountId: string): SystemRecord | undefined {
    for (const system of this.systems.values()) if (system.accounts.includes(accountId)) return system;
    return undefined;
  }

  systemByToken(token: string): SystemRecord | undefined {
    for (const system of this.systems.values()) if (system.token !== null && system.token === token) return system;
    return undefined;
  }

  memberByHid(hid: string): MemberRecord | undefined {
    for (const member of this.members.values()) if (member.id === hid) return member;
    return undefined;
  }

  groupByHid(hid: string): GroupRecord | undefined {
    for (const group of this.groups.values()) if (group.id === hid) return group;
    return undefined;
  }

  membersOf(systemUuid: string): MemberRecord[] {
    return [...this.members.values()].filter((member) => member.systemUuid === systemUuid);
  }

  groupsOf(systemUuid: string): GroupRecord[] {
    return [...this.groups.values()].filter((group) => group.systemUuid === systemUuid);
  }

  /** Newest first. */
  switchesOf(systemUuid: string): SwitchRecord[] {
    return [...this.switches.values()]
      .filter((entry) => entry.systemUuid === systemUuid)
      .sort((a, b) => b.timestamp - a.timestamp);
  }

  latestSwitch(systemUuid: string): SwitchRecord | undefined {
    return this.switchesOf(systemUuid)[0];
  }

  groupsOfMember(memberUuid: string): GroupRecord[] {
    return [...this.groups.values()].filter((group) => group.members.includes(memberUuid));
  }

  systemOf(entity: { systemUuid: string }): SystemRecord {
    const system = this.systems.get(entity.systemUuid);
    if (!system) throw new Error(`dangling system reference ${entity.systemUuid}`);
    return system;
  }

  deleteMember(member: MemberRecord): void {
    this.members.delete(member.uuid);
    for (const group of this.groups.values()) group.members = group.members.filter((uuid) => uuid !== member.uuid);
    for (const entry of this.switches.values()) entry.members = entry.members.filter((uuid) => uuid !== member.uuid);
    for (const message of this.messages.values()) if (message.memberUuid === member.uuid) message.memberUuid = null;
    for (const key of [...this.memberGuilds.keys()]) if (key.startsWith(`${member.uuid}:`)) this.memberGuilds.delete(key);
    for (const settings of this.autoproxy.values()) if (settings.memberUuid === member.uuid) settings.memberUuid = null;
  }

  deleteGroup(group: GroupRecord): void {
    this.groups.delete(group.uuid);
  }
}
