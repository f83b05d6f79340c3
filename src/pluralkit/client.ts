import { z } from 'zod';
import { PluralKitError } from './errors.js';
import {
  AutoproxySettingsSchema,
  GroupSchema,
  MemberGuildSettingsSchema,
  MemberSchema,
  MessageSchema,
  PublicSystemSettingsSchema,
  SwitchSchema,
  SwitchSummarySchema,
  SystemGuildSettingsSchema,
  SystemSchema,
  SystemSettingsSchema,
  type AutoproxySettings,
  type Group,
  type Member,
  type MemberGuildSettings,
  type Message,
  type Switch,
  type SwitchSummary,
  type System,
  type SystemGuildSettings,
  type SystemSettings,
  type SystemSettingsView,
} from './models.js';
import { normalizeEntityRef, normalizeSystemRef } from './refs.js';
import {
  AutoproxyPatchSchema,
  GroupCreateSchema,
  GroupPatchSchema,
  GroupRefsToChangeSchema,
  GroupRefsToSetSchema,
  MemberCreateSchema,
  MemberGuildSettingsPatchSchema,
  MemberPatchSchema,
  MemberRefsToChangeSchema,
  MemberRefsToSetSchema,
  PathRefSchema,
  SnowflakeSchema,
  SwitchCreateSchema,
  SwitchListQuerySchema,
  SwitchMembersSchema,
  SwitchPatchSchema,
  SwitchRefSchema,
  SystemGuildSettingsPatchSchema,
  SystemPatchSchema,
  SystemSettingsPatchSchema,
  validatePatch,
  validateRequest,
  type AutoproxyPatch,
  type GroupCreate,
  type GroupPatch,
  type MemberCreate,
  type MemberGuildSettingsPatch,
  type MemberPatch,
  type SwitchCreate,
  type SwitchListQuery,
  type SwitchPatch,
  type SystemGuildSettingsPatch,
  type SystemPatch,
  type SystemSettingsPatch,
} from './requests.js';
import { responseSchema, type ResponseSchema } from './response-schema.js';
import { SharedReads } from './shared-reads.js';
import type { TaggedCache } from '../shared-state/shared-state.js';
import { Transport, type ApiCall, type AuthedCallOptions, type CallOptions, type HttpMethod, type TransportOptions } from './transport.js';

export type { AuthedCallOptions, CallOptions } from './transport.js';

/** The transport's options, and how long public views are kept. */
export interface PluralKitClientOptions extends TransportOptions {
  /**
   * How long answers to requests without a token (PluralKit's public view, the same for
   * everyone) are served from memory. Default 5 s; 0 keeps none. Identical requests in flight
   * at the same time are shared either way.
   */
  publicViewTtlMs?: number;
  /** Approximate heap bytes for kept public views. Default 16 MB. */
  publicViewMaxBytes?: number;
  /** Where public views are kept when instances share them (REDIS_URL); default this process's memory. */
  publicViews?: TaggedCache;
}

export const DEFAULT_PUBLIC_VIEW_TTL_MS = 5_000;

export interface IterateSwitchesOptions extends CallOptions {
  /** Start below this timestamp (exclusive); default: now. */
  before?: Date | string;
  /** Switches per request, 1–100. Default 100. */
  pageSize?: number;
}

/** What each endpoint answers with (validated as response-schema.ts describes). */
const Answer = {
  system: responseSchema(SystemSchema),
  settings: responseSchema(SystemSettingsSchema),
  settingsView: responseSchema(z.union([SystemSettingsSchema, PublicSystemSettingsSchema]) as z.ZodType<SystemSettingsView>),
  systemGuildSettings: responseSchema(SystemGuildSettingsSchema),
  autoproxy: responseSchema(AutoproxySettingsSchema),
  member: responseSchema(MemberSchema),
  members: responseSchema(z.array(MemberSchema)),
  memberGuildSettings: responseSchema(MemberGuildSettingsSchema),
  group: responseSchema(GroupSchema),
  groups: responseSchema(z.array(GroupSchema)),
  switch: responseSchema(SwitchSchema),
  switchList: responseSchema(z.array(SwitchSummarySchema)),
  message: responseSchema(MessageSchema),
};

type EntityKind = 'system' | 'member' | 'group';

/** Path refs are resolved leniently by the server; only an empty one is certainly wrong. */
function pathRef(value: string, context: { method: string; route: string }, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  return validateRequest(PathRefSchema, value, context, field);
}

/** `@` is a valid path character and PluralKit's `@me` should go over the wire as is. */
function encodeSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded.includes('%40') ? encoded.replaceAll('%40', '@') : encoded;
}

/**
 * Typed PluralKit API v2 client: one method per documented endpoint. Inputs are validated with
 * PluralKit's own limits before anything is sent; responses are validated before they are
 * returned. Tokens are passed per call and never kept. (Methods that only hand over to `send` are
 * not `async`: `send` turns every error into a rejection, and an async wrapper is one more
 * promise on every call.)
 *
 * What a GET returns may be shared with other callers (a request already in flight, or a public
 * view kept for a few seconds; see SharedReads) and is then deep-frozen: treat it as read-only.
 */
export class PluralKitClient {
  private readonly transport: Transport;
  private readonly reads: SharedReads;

  constructor(options: PluralKitClientOptions) {
    const { publicViewTtlMs = DEFAULT_PUBLIC_VIEW_TTL_MS, publicViewMaxBytes, publicViews, ...transport } = options;
    this.transport = new Transport(transport);
    this.reads = new SharedReads(this.transport, { publicViewTtlMs, publicViewMaxBytes, publicViews });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Requests waiting for the rate limiter right now (diagnostics). */
  get queuedForRateLimit(): number {
    return this.transport.limiter.queued;
  }

  /** Public views kept in this process's memory right now (diagnostics); undefined when kept in Redis. */
  get keptPublicViews(): number | undefined {
    return this.reads.publicViewCount;
  }

  // --- systems -----------------------------------------------------------------------------

  getSystem(ref: string, opts?: CallOptions): Promise<System> {
    return this.send('GET', '/systems/{systemRef}', { system: ref }, Answer.system, {}, opts);
  }

  async updateSystem(ref: string, patch: SystemPatch, opts: AuthedCallOptions): Promise<System> {
    const route = '/systems/{systemRef}';
    const body = validatePatch(SystemPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { system: ref }, Answer.system, { body, auth: true }, opts);
  }

  /** The full settings for the owner, the public subset for anyone else (see `isOwnerSettings`). */
  getSystemSettings(ref: string, opts?: CallOptions): Promise<SystemSettingsView> {
    return this.send('GET', '/systems/{systemRef}/settings', { system: ref }, Answer.settingsView, {}, opts);
  }

  async updateSystemSettings(ref: string, patch: SystemSettingsPatch, opts: AuthedCallOptions): Promise<SystemSettings> {
    const route = '/systems/{systemRef}/settings';
    const body = validatePatch(SystemSettingsPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { system: ref }, Answer.settings, { body, auth: true }, opts);
  }

  getSystemGuildSettings(ref: string, guildId: string, opts: AuthedCallOptions): Promise<SystemGuildSettings> {
    return this.send('GET', '/systems/{systemRef}/guilds/{guildId}', { system: ref, guild: guildId }, Answer.systemGuildSettings, { auth: true }, opts);
  }

  async updateSystemGuildSettings(ref: string, guildId: string, patch: SystemGuildSettingsPatch, opts: AuthedCallOptions): Promise<SystemGuildSettings> {
    const route = '/systems/{systemRef}/guilds/{guildId}';
    const body = validatePatch(SystemGuildSettingsPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { system: ref, guild: guildId }, Answer.systemGuildSettings, { body, auth: true }, opts);
  }

  async getAutoproxySettings(ref: string, guildId: string, opts: AuthedCallOptions): Promise<AutoproxySettings> {
    const route = '/systems/{systemRef}/autoproxy';
    const query = this.guildQuery(guildId, 'GET', route);
    return this.send('GET', route, { system: ref }, Answer.autoproxy, { query, auth: true }, opts);
  }

  async updateAutoproxySettings(ref: string, guildId: string, patch: AutoproxyPatch, opts: AuthedCallOptions): Promise<AutoproxySettings> {
    const route = '/systems/{systemRef}/autoproxy';
    const query = this.guildQuery(guildId, 'PATCH', route);
    const body = validatePatch(AutoproxyPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { system: ref }, Answer.autoproxy, { query, body, auth: true }, opts);
  }

  // --- members -----------------------------------------------------------------------------

  getSystemMembers(ref: string, opts?: CallOptions): Promise<Member[]> {
    return this.send('GET', '/systems/{systemRef}/members', { system: ref }, Answer.members, {}, opts);
  }

  async createMember(member: MemberCreate, opts: AuthedCallOptions): Promise<Member> {
    const route = '/members';
    const body = validateRequest(MemberCreateSchema, member, { method: 'POST', route });
    return this.send('POST', route, {}, Answer.member, { body, auth: true }, opts);
  }

  getMember(ref: string, opts?: CallOptions): Promise<Member> {
    return this.send('GET', '/members/{memberRef}', { member: ref }, Answer.member, {}, opts);
  }

  async updateMember(ref: string, patch: MemberPatch, opts: AuthedCallOptions): Promise<Member> {
    const route = '/members/{memberRef}';
    const body = validatePatch(MemberPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { member: ref }, Answer.member, { body, auth: true }, opts);
  }

  async deleteMember(ref: string, opts: AuthedCallOptions): Promise<void> {
    await this.send('DELETE', '/members/{memberRef}', { member: ref }, null, { auth: true }, opts);
  }

  getMemberGroups(ref: string, opts?: CallOptions): Promise<Group[]> {
    return this.send('GET', '/members/{memberRef}/groups', { member: ref }, Answer.groups, {}, opts);
  }

  async addMemberToGroups(ref: string, groupRefs: string[], opts: AuthedCallOptions): Promise<void> {
    await this.memberGroupsOp('add', ref, groupRefs, GroupRefsToChangeSchema, opts);
  }

  async removeMemberFromGroups(ref: string, groupRefs: string[], opts: AuthedCallOptions): Promise<void> {
    await this.memberGroupsOp('remove', ref, groupRefs, GroupRefsToChangeSchema, opts);
  }

  /** Replaces the member's groups; an empty list removes it from all groups. */
  async overwriteMemberGroups(ref: string, groupRefs: string[], opts: AuthedCallOptions): Promise<void> {
    await this.memberGroupsOp('overwrite', ref, groupRefs, GroupRefsToSetSchema, opts);
  }

  getMemberGuildSettings(ref: string, guildId: string, opts: AuthedCallOptions): Promise<MemberGuildSettings> {
    return this.send('GET', '/members/{memberRef}/guilds/{guildId}', { member: ref, guild: guildId }, Answer.memberGuildSettings, { auth: true }, opts);
  }

  async updateMemberGuildSettings(ref: string, guildId: string, patch: MemberGuildSettingsPatch, opts: AuthedCallOptions): Promise<MemberGuildSettings> {
    const route = '/members/{memberRef}/guilds/{guildId}';
    const body = validatePatch(MemberGuildSettingsPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { member: ref, guild: guildId }, Answer.memberGuildSettings, { body, auth: true }, opts);
  }

  // --- groups ------------------------------------------------------------------------------

  async getSystemGroups(ref: string, query: { withMembers?: boolean } = {}, opts?: CallOptions): Promise<Group[]> {
    const withMembers = query.withMembers === undefined ? undefined : `with_members=${query.withMembers ? 'true' : 'false'}`;
    return this.send('GET', '/systems/{systemRef}/groups', { system: ref }, Answer.groups, { query: withMembers }, opts);
  }

  async createGroup(group: GroupCreate, opts: AuthedCallOptions): Promise<Group> {
    const route = '/groups';
    const body = validateRequest(GroupCreateSchema, group, { method: 'POST', route });
    return this.send('POST', route, {}, Answer.group, { body, auth: true }, opts);
  }

  getGroup(ref: string, opts?: CallOptions): Promise<Group> {
    return this.send('GET', '/groups/{groupRef}', { group: ref }, Answer.group, {}, opts);
  }

  async updateGroup(ref: string, patch: GroupPatch, opts: AuthedCallOptions): Promise<Group> {
    const route = '/groups/{groupRef}';
    const body = validatePatch(GroupPatchSchema, patch, { method: 'PATCH', route });
    return this.send('PATCH', route, { group: ref }, Answer.group, { body, auth: true }, opts);
  }

  async deleteGroup(ref: string, opts: AuthedCallOptions): Promise<void> {
    await this.send('DELETE', '/groups/{groupRef}', { group: ref }, null, { auth: true }, opts);
  }

  getGroupMembers(ref: string, opts?: CallOptions): Promise<Member[]> {
    return this.send('GET', '/groups/{groupRef}/members', { group: ref }, Answer.members, {}, opts);
  }

  async addGroupMembers(ref: string, memberRefs: string[], opts: AuthedCallOptions): Promise<void> {
    await this.groupMembersOp('add', ref, memberRefs, MemberRefsToChangeSchema, opts);
  }

  async removeGroupMembers(ref: string, memberRefs: string[], opts: AuthedCallOptions): Promise<void> {
    await this.groupMembersOp('remove', ref, memberRefs, MemberRefsToChangeSchema, opts);
  }

  /** Replaces the group's members; an empty list empties the group. */
  async overwriteGroupMembers(ref: string, memberRefs: string[], opts: AuthedCallOptions): Promise<void> {
    await this.groupMembersOp('overwrite', ref, memberRefs, MemberRefsToSetSchema, opts);
  }

  // --- switches ----------------------------------------------------------------------------

  /** Newest first; `before` is exclusive. Members are short IDs. */
  async getSystemSwitches(ref: string, query: SwitchListQuery = {}, opts?: CallOptions): Promise<SwitchSummary[]> {
    const route = '/systems/{systemRef}/switches';
    const parsed = validateRequest(SwitchListQuerySchema, query, { method: 'GET', route }, 'query');
    const params = new URLSearchParams();
    if (parsed.before !== undefined) params.set('before', parsed.before);
    if (parsed.limit !== undefined) params.set('limit', String(parsed.limit));
    const search = params.toString();
    return this.send('GET', route, { system: ref }, Answer.switchList, { query: search === '' ? undefined : search }, opts);
  }

  /** Every switch, newest first, fetched page by page as the iteration proceeds. */
  async *iterateSwitches(ref: string, opts: IterateSwitchesOptions = {}): AsyncGenerator<SwitchSummary, void, undefined> {
    const { before: start, pageSize = 100, ...callOptions } = opts;
    let before = start;
    for (;;) {
      const page = await this.getSystemSwitches(ref, { before, limit: pageSize }, callOptions);
      yield* page;
      const oldest = page.at(-1);
      if (oldest === undefined || page.length < pageSize) return;
      before = oldest.timestamp;
    }
  }

  /** The latest switch, or null when the system has never switched. */
  getFronters(ref: string, opts?: CallOptions): Promise<Switch | null> {
    return this.send('GET', '/systems/{systemRef}/fronters', { system: ref }, Answer.switch, { allowNoContent: true }, opts);
  }

  async createSwitch(ref: string, body: SwitchCreate, opts: AuthedCallOptions): Promise<Switch> {
    const route = '/systems/{systemRef}/switches';
    const parsed = validateRequest(SwitchCreateSchema, body, { method: 'POST', route });
    return this.send('POST', route, { system: ref }, Answer.switch, { body: parsed, auth: true }, opts);
  }

  getSwitch(ref: string, switchRef: string, opts?: CallOptions): Promise<Switch> {
    return this.send('GET', '/systems/{systemRef}/switches/{switchRef}', { system: ref, switch: switchRef }, Answer.switch, {}, opts);
  }

  async updateSwitch(ref: string, switchRef: string, body: SwitchPatch, opts: AuthedCallOptions): Promise<Switch> {
    const route = '/systems/{systemRef}/switches/{switchRef}';
    const parsed = validateRequest(SwitchPatchSchema, body, { method: 'PATCH', route });
    return this.send('PATCH', route, { system: ref, switch: switchRef }, Answer.switch, { body: parsed, auth: true }, opts);
  }

  async updateSwitchMembers(ref: string, switchRef: string, members: string[], opts: AuthedCallOptions): Promise<Switch> {
    const route = '/systems/{systemRef}/switches/{switchRef}/members';
    const parsed = validateRequest(SwitchMembersSchema, members, { method: 'PATCH', route }, 'members');
    return this.send('PATCH', route, { system: ref, switch: switchRef }, Answer.switch, { body: parsed, auth: true }, opts);
  }

  async deleteSwitch(ref: string, switchRef: string, opts: AuthedCallOptions): Promise<void> {
    await this.send('DELETE', '/systems/{systemRef}/switches/{switchRef}', { system: ref, switch: switchRef }, null, { auth: true }, opts);
  }

  // --- messages ----------------------------------------------------------------------------

  /** By proxied message ID, or by the trigger message ID for about 30 minutes after proxying. */
  getMessage(id: string, opts?: CallOptions): Promise<Message> {
    return this.send('GET', '/messages/{messageId}', { message: id }, Answer.message, {}, opts);
  }

  // --- plumbing ----------------------------------------------------------------------------

  private memberGroupsOp(op: 'add' | 'remove' | 'overwrite', ref: string, groupRefs: string[], schema: z.ZodType<string[]>, opts: AuthedCallOptions) {
    const route = `/members/{memberRef}/groups/${op}`;
    const body = validateRequest(schema, groupRefs, { method: 'POST', route }, 'groups');
    return this.send('POST', route, { member: ref }, null, { body, auth: true }, opts);
  }

  private groupMembersOp(op: 'add' | 'remove' | 'overwrite', ref: string, memberRefs: string[], schema: z.ZodType<string[]>, opts: AuthedCallOptions) {
    const route = `/groups/{groupRef}/members/${op}`;
    const body = validateRequest(schema, memberRefs, { method: 'POST', route }, 'members');
    return this.send('POST', route, { group: ref }, null, { body, auth: true }, opts);
  }

  private guildQuery(guildId: string, method: HttpMethod, route: string): string {
    const id = validateRequest(SnowflakeSchema, guildId, { method, route }, 'guild_id');
    return `guild_id=${id}`;
  }

  private send<T>(
    method: HttpMethod,
    route: string,
    args: { system?: string; member?: string; group?: string; switch?: string; guild?: string; message?: string },
    schema: ResponseSchema<T> | null,
    extra: { body?: unknown; query?: string | undefined; auth?: boolean; allowNoContent?: boolean },
    opts: CallOptions = {},
  ): Promise<T> {
    try {
      const context = { method, route };
      if (extra.auth && !opts.token) {
        throw new PluralKitError({ kind: 'invalid-request', message: 'This needs a PluralKit token.', method, route, fieldErrors: {} });
      }
      if (opts.token !== undefined && !/^[\x21-\x7e]+$/.test(opts.token)) {
        throw new PluralKitError({
          kind: 'invalid-request',
          message: 'That does not look like a PluralKit token (it has spaces or unusual characters).',
          method,
          route,
          fieldErrors: { token: [{ message: 'token has characters a PluralKit token never has' }] },
        });
      }
      let target: string | null = null;
      let path = route;
      if (args.system !== undefined) {
        const ref = pathRef(args.system, context, 'system');
        path = path.replace('{systemRef}', encodeSegment(ref));
        if (opts.token) target = this.targetKey('system', ref);
      }
      if (args.member !== undefined) {
        const ref = pathRef(args.member, context, 'member');
        path = path.replace('{memberRef}', encodeSegment(ref));
        if (opts.token) target = this.targetKey('member', ref);
      }
      if (args.group !== undefined) {
        const ref = pathRef(args.group, context, 'group');
        path = path.replace('{groupRef}', encodeSegment(ref));
        if (opts.token) target = this.targetKey('group', ref);
      }
      if (args.switch !== undefined) {
        path = path.replace('{switchRef}', validateRequest(SwitchRefSchema, args.switch, context, 'switch'));
      }
      if (args.guild !== undefined) {
        path = path.replace('{guildId}', validateRequest(SnowflakeSchema, args.guild, context, 'guild_id'));
      }
      if (args.message !== undefined) {
        path = path.replace('{messageId}', validateRequest(SnowflakeSchema, args.message, context, 'message'));
      }
      const call: ApiCall<T> = {
        method,
        route,
        path,
        target,
        query: extra.query,
        body: extra.body,
        schema,
        allowNoContent: extra.allowNoContent,
      };
      const systemRef = args.system ?? null;
      return method === 'GET' ? this.reads.read(call, opts, systemRef) : this.reads.write(call, opts, systemRef);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Rate-limit bookkeeping key for the path's target (only needed with a token: anonymous requests
   * always share the IP bucket); the first entity in the path decides.
   */
  private targetKey(kind: EntityKind, ref: string): string {
    const lowered = ref.trim().toLowerCase();
    if (kind === 'system' && lowered === '@me') return 'system:@me';
    const normalized = kind === 'system' ? normalizeSystemRef(ref) : normalizeEntityRef(ref);
    return `${kind}:${normalized ?? lowered}`;
  }
}
