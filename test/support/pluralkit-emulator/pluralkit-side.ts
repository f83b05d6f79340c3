import {
  accountLinked,
  accountUnlinked,
  allSwitchesDeleted,
  autoproxyUpdated,
  messageCreated,
  switchCreated,
  switchMembersEdited,
} from './dispatch-events.js';
import { generateUuid, SNOWFLAKE } from './ids.js';
import type { MemberRecord, SwitchRecord, SystemRecord } from './model.js';
import { resolveMemberForSeed } from './refs.js';
import type { Seeder } from './seed.js';
import { handleAsSystem, type EmulatorState, type InProcessReply } from './server.js';
import { nowMicros } from './time.js';

/**
 * Writes made inside PluralKit rather than through our client: `pk;` commands, the dashboard,
 * proxied messages. They change the same data and dispatch the same events as the API would, but
 * they are not HTTP requests of the client under test (not rate limited, not in `pk.requests`).
 */

export interface ProxiedMessageInput {
  /** The member that was proxied (any ref). */
  member: string;
  channel: string;
  /** PluralKit proxies in servers only. */
  guild: string;
  /** The Discord account that typed the trigger; default: the system's first linked account. */
  sender?: string;
  /** The proxied message's snowflake; default: one made from the current time. */
  id?: string;
  /** The trigger message's snowflake; default: one made from the current time. */
  original?: string;
}

export interface ProxiedMessage {
  id: string;
  original: string;
}

const DISCORD_EPOCH_MS = 1420070400000n;

export class PluralKitSide {
  private snowflakeIncrement = 0;

  constructor(
    private readonly state: EmulatorState,
    private readonly seeder: Seeder,
  ) {}

  /** Any v2 API call, made as the system itself (e.g. `PATCH /systems/@me/switches/<id>` from the dashboard). */
  request(system: SystemRecord, method: string, path: string, body?: unknown): InProcessReply {
    return handleAsSystem(this.state, system, method, path, body);
  }

  /** `pk;switch delete all`: no API endpoint does this. */
  deleteAllSwitches(system: SystemRecord): void {
    const { store } = this.state;
    for (const entry of store.switchesOf(system.uuid)) store.switches.delete(entry.uuid);
    this.state.dispatcher.emit(system.uuid, allSwitchesDeleted());
  }

  /** `pk;link`: refused when the account already belongs to a system. */
  linkAccount(system: SystemRecord, accountId: string): void {
    if (!SNOWFLAKE.test(accountId)) throw new Error(`linkAccount: '${accountId}' is not a Discord ID`);
    if (this.state.store.systemByAccount(accountId)) throw new Error(`linkAccount: account ${accountId} already has a system`);
    system.accounts.push(accountId);
    this.state.dispatcher.emit(system.uuid, accountLinked(accountId));
  }

  /** `pk;unlink`: refused for an account of another system and for the system's only account. */
  unlinkAccount(system: SystemRecord, accountId: string): void {
    if (!system.accounts.includes(accountId)) throw new Error(`unlinkAccount: account ${accountId} is not linked to ${system.id}`);
    if (system.accounts.length === 1) throw new Error('unlinkAccount: that is the only account on the system');
    system.accounts = system.accounts.filter((account) => account !== accountId);
    this.state.dispatcher.emit(system.uuid, accountUnlinked(accountId));
  }

  /**
   * What the bot does after proxying (`ProxyService.HandleProxyExecutedActions`): store the message,
   * count it on the member, dispatch CREATE_MESSAGE, move a latch autoproxy to the member, and log
   * a switch when the system's `proxy_switch` setting asks for it.
   */
  proxyMessage(system: SystemRecord, input: ProxiedMessageInput): ProxiedMessage {
    const { store, dispatcher } = this.state;
    const member = resolveMemberForSeed(store, input.member);
    if (member.systemUuid !== system.uuid) throw new Error(`proxyMessage: member '${input.member}' belongs to another system`);
    const sender = input.sender ?? system.accounts[0];
    if (sender === undefined) throw new Error('proxyMessage: the system has no linked account; pass sender');
    const message = { id: input.id ?? this.snowflakeNow(), original: input.original ?? this.snowflakeNow() };
    this.seeder.message({ ...message, sender, channel: input.channel, guild: input.guild, system: system.uuid, member: member.uuid });
    const now = nowMicros();
    member.message_count = (member.message_count ?? 0) + 1;
    member.last_message_timestamp = now;
    const stored = store.messages.get(message.id);
    if (stored) dispatcher.emit(system.uuid, messageCreated(store, stored, system));

    const autoproxy = store.autoproxy.get(`${system.uuid}:${input.guild}`);
    if (autoproxy?.autoproxy_mode === 'latch') {
      autoproxy.memberUuid = member.uuid;
      autoproxy.last_latch_timestamp = now;
      dispatcher.emit(system.uuid, autoproxyUpdated(input.guild, { autoproxy_member: member.uuid, last_latch_timestamp: now }));
    }
    this.logProxySwitch(system, member, now);
    return message;
  }

  private logProxySwitch(system: SystemRecord, member: MemberRecord, now: number): void {
    const { store, dispatcher } = this.state;
    const mode = system.settings.proxy_switch;
    const latest = store.latestSwitch(system.uuid);
    const fronting = latest?.members ?? [];
    if (mode === 'off' || fronting.includes(member.uuid)) return;
    if (mode === 'add' && latest && fronting.length > 0) {
      latest.members = [...fronting, member.uuid];
      dispatcher.emit(system.uuid, switchMembersEdited(store, latest));
      return;
    }
    const entry: SwitchRecord = { uuid: generateUuid(), systemUuid: system.uuid, timestamp: now, members: [member.uuid] };
    store.switches.set(entry.uuid, entry);
    dispatcher.emit(system.uuid, switchCreated(store, entry, now));
  }

  private snowflakeNow(): string {
    const increment = BigInt(this.snowflakeIncrement++ % 4096);
    return (((BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n) | increment).toString();
  }
}
