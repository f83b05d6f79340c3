import type { FakeDiscord } from './fake-discord/index.js';
import { settledAnswer } from './messages.js';
import type { PluralKitEmulator, RecordedRequest } from './pluralkit-emulator/index.js';

/*
 * Which of the PluralKit adapter's endpoints the slash commands reach. A suite runs one of each
 * command against the emulator (in-process harness or the real bot process alike); each logged
 * request is mapped back to the adapter method that sends it. `by` names the command expected to
 * reach an endpoint, for the report.
 */

export interface AdapterEndpoint {
  /** The `PluralKitClient` method. */
  adapter: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string;
  /** The command expected to call it. */
  by: string;
}

const e = (adapter: string, method: AdapterEndpoint['method'], route: string, by: string): AdapterEndpoint => ({ adapter, method, route, by });

export const ADAPTER_ENDPOINTS: readonly AdapterEndpoint[] = [
  e('getSystem', 'GET', '/systems/{systemRef}', 'system'),
  e('updateSystem', 'PATCH', '/systems/{systemRef}', 'system'),
  e('getSystemSettings', 'GET', '/systems/{systemRef}/settings', 'system'),
  e('updateSystemSettings', 'PATCH', '/systems/{systemRef}/settings', 'system'),
  e('getSystemGuildSettings', 'GET', '/systems/{systemRef}/guilds/{guildId}', 'system'),
  e('updateSystemGuildSettings', 'PATCH', '/systems/{systemRef}/guilds/{guildId}', 'system'),
  e('getAutoproxySettings', 'GET', '/systems/{systemRef}/autoproxy', 'autoproxy'),
  e('updateAutoproxySettings', 'PATCH', '/systems/{systemRef}/autoproxy', 'autoproxy'),
  e('getSystemMembers', 'GET', '/systems/{systemRef}/members', 'system'),
  e('createMember', 'POST', '/members', 'member'),
  e('getMember', 'GET', '/members/{memberRef}', 'switch'),
  e('updateMember', 'PATCH', '/members/{memberRef}', 'member'),
  e('deleteMember', 'DELETE', '/members/{memberRef}', 'member'),
  e('getMemberGroups', 'GET', '/members/{memberRef}/groups', 'member'),
  e('addMemberToGroups', 'POST', '/members/{memberRef}/groups/add', 'member'),
  e('removeMemberFromGroups', 'POST', '/members/{memberRef}/groups/remove', 'member'),
  e('overwriteMemberGroups', 'POST', '/members/{memberRef}/groups/overwrite', 'member'),
  e('getMemberGuildSettings', 'GET', '/members/{memberRef}/guilds/{guildId}', 'member'),
  e('updateMemberGuildSettings', 'PATCH', '/members/{memberRef}/guilds/{guildId}', 'member'),
  e('getSystemGroups', 'GET', '/systems/{systemRef}/groups', 'system'),
  e('createGroup', 'POST', '/groups', 'group'),
  e('getGroup', 'GET', '/groups/{groupRef}', 'stats'),
  e('updateGroup', 'PATCH', '/groups/{groupRef}', 'group'),
  e('deleteGroup', 'DELETE', '/groups/{groupRef}', 'group'),
  e('getGroupMembers', 'GET', '/groups/{groupRef}/members', 'stats'),
  e('addGroupMembers', 'POST', '/groups/{groupRef}/members/add', 'group'),
  e('removeGroupMembers', 'POST', '/groups/{groupRef}/members/remove', 'group'),
  e('overwriteGroupMembers', 'POST', '/groups/{groupRef}/members/overwrite', 'group'),
  e('getSystemSwitches', 'GET', '/systems/{systemRef}/switches', 'switch'),
  e('getFronters', 'GET', '/systems/{systemRef}/fronters', 'fronters'),
  e('createSwitch', 'POST', '/systems/{systemRef}/switches', 'switch'),
  e('getSwitch', 'GET', '/systems/{systemRef}/switches/{switchRef}', 'switch'),
  e('updateSwitch', 'PATCH', '/systems/{systemRef}/switches/{switchRef}', 'switch'),
  e('updateSwitchMembers', 'PATCH', '/systems/{systemRef}/switches/{switchRef}/members', 'switch'),
  e('deleteSwitch', 'DELETE', '/systems/{systemRef}/switches/{switchRef}', 'switch'),
  e('getMessage', 'GET', '/messages/{messageId}', 'message'),
];

/** `PluralKitClient` methods that are not one endpoint each. */
export const ADAPTER_HELPERS = ['constructor', 'close', 'queuedForRateLimit', 'keptPublicViews', 'iterateSwitches', 'memberGroupsOp', 'groupMembersOp', 'guildQuery', 'send', 'targetKey'];

const matchers = ADAPTER_ENDPOINTS.map((endpoint) => ({
  endpoint,
  pattern: new RegExp(`^/v2${endpoint.route.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The adapter endpoint a logged request went to (method and path; the query is not part of it). */
export function endpointOf(request: Pick<RecordedRequest, 'method' | 'path'>): AdapterEndpoint | undefined {
  return matchers.find(({ endpoint, pattern }) => endpoint.method === request.method && pattern.test(request.path))?.endpoint;
}

export interface Coverage {
  covered: AdapterEndpoint[];
  /** Not reached by any command. */
  missing: AdapterEndpoint[];
}

export function coverageOf(requests: readonly Pick<RecordedRequest, 'method' | 'path'>[]): Coverage {
  const reached = new Set(requests.map(endpointOf).filter((endpoint) => endpoint !== undefined));
  return {
    covered: ADAPTER_ENDPOINTS.filter((endpoint) => reached.has(endpoint)),
    missing: ADAPTER_ENDPOINTS.filter((endpoint) => !reached.has(endpoint)),
  };
}

export function describeCoverage(coverage: Coverage): string {
  const line = (endpoint: AdapterEndpoint) => `  ${endpoint.method} ${endpoint.route} (${endpoint.adapter}, by /${endpoint.by})`;
  return [
    `${coverage.covered.length}/${ADAPTER_ENDPOINTS.length} adapter endpoints called by commands`,
    ...(coverage.missing.length > 0 ? ['not called by any command:', ...coverage.missing.map(line)] : []),
  ].join('\n');
}

// --- the command suite ------------------------------------------------------------------------

export interface CoverageWorld {
  discord: FakeDiscord;
  pluralkit: PluralKitEmulator;
}

export const SUITE_OWNER = { id: '298000000000000001', username: 'coverage' };
export const SUITE_GUILD = '398000000000000001';
const HOUR = 3600_000;

interface Step {
  name: string;
  group?: string;
  sub?: string;
  options?: Record<string, string | boolean>;
  /** Default: in the suite's server. */
  dm?: boolean;
  /** Press this button on the answer (a confirm prompt). */
  press?: string;
}

/** A snowflake for a moment, as Discord makes them. */
function snowflakeAt(date: Date): string {
  return ((BigInt(date.getTime() - 1420070400000) << 22n) + 1n).toString();
}

/** Seeds one system with everything the commands need and returns the steps that use it. */
function seed(pk: PluralKitEmulator): { token: string; steps: Step[] } {
  const system = pk.seedSystem({ name: 'Coverage', accounts: [SUITE_OWNER.id], created: new Date(Date.now() - 400 * 24 * HOUR).toISOString() });
  const alice = pk.seedMember(system.id, { name: 'Alice' });
  const bob = pk.seedMember(system.id, { name: 'Bob' });
  pk.seedMember(system.id, { name: 'Carol' });
  pk.seedGroup(system.id, { name: 'Core', members: [alice.id] });
  pk.seedSwitch(system.id, { timestamp: new Date(Date.now() - 3 * HOUR), members: [alice.id] });
  pk.seedSwitch(system.id, { timestamp: new Date(Date.now() - 2 * HOUR), members: [bob.id] });
  pk.seedSystemGuildSettings(system.id, SUITE_GUILD);
  pk.seedMemberGuildSettings(alice.id, SUITE_GUILD);
  const message = snowflakeAt(new Date(Date.now() - 60_000));
  pk.seedMessage({ id: message, sender: SUITE_OWNER.id, channel: '498000000000000001', guild: SUITE_GUILD, system: system.id, member: alice.id });
  // Another system whose member list is private: its history names members one by one.
  const closed = pk.seedSystem({ name: 'Closed', privacy: { member_list_privacy: 'private' } });
  const dana = pk.seedMember(closed.id, { name: 'Dana' });
  pk.seedSwitch(closed.id, { timestamp: new Date(Date.now() - HOUR), members: [dana.id] });

  const steps: Step[] = [
    { name: 'token', sub: 'status', dm: true },
    { name: 'fronters' },
    { name: 'switch', sub: 'new', options: { members: 'Alice, Carol' } },
    { name: 'switch', sub: 'new', options: { members: 'Carol', at: '30m' } },
    { name: 'switch', sub: 'edit', options: { members: 'Alice' }, press: 'Edit switch' },
    { name: 'switch', sub: 'move', options: { at: '20m' }, press: 'Move switch' },
    { name: 'switch', sub: 'delete', press: 'Delete switch' },
    { name: 'switch', sub: 'out' },
    { name: 'switch', sub: 'history', options: { system: closed.id } },
    { name: 'stats', sub: 'timeline', options: { range: '7d' } },
    { name: 'stats', sub: 'front', options: { group: 'Core', range: '7d' } },
    { name: 'message', sub: 'link', options: { link: message } },
    { name: 'system', sub: 'view' },
    { name: 'system', sub: 'view', options: { private: true } },
    { name: 'system', sub: 'edit', options: { pronouns: 'they/them' } },
    { name: 'system', sub: 'privacy', options: { subject: 'banner', level: 'private' } },
    { name: 'system', group: 'settings', sub: 'view' },
    { name: 'system', group: 'settings', sub: 'edit', options: { pings: false } },
    { name: 'system', group: 'server', sub: 'view' },
    { name: 'system', group: 'server', sub: 'edit', options: { tag_enabled: false } },
    { name: 'autoproxy', sub: 'view' },
    { name: 'autoproxy', sub: 'set', options: { mode: 'member', member: 'Alice' } },
    { name: 'member', sub: 'list' },
    { name: 'member', sub: 'view', options: { member: 'Alice' } },
    { name: 'member', sub: 'create', options: { name: 'Zed' } },
    { name: 'member', sub: 'edit', options: { member: 'Zed', pronouns: 'xe/xem' } },
    { name: 'member', group: 'groups', sub: 'view', options: { member: 'Bob' } },
    { name: 'member', group: 'groups', sub: 'add', options: { member: 'Bob', groups: 'Core' } },
    { name: 'member', group: 'groups', sub: 'remove', options: { member: 'Bob', groups: 'Core' } },
    { name: 'member', group: 'groups', sub: 'set', options: { member: 'Bob', groups: 'Core' } },
    { name: 'member', group: 'server', sub: 'view', options: { member: 'Alice' } },
    { name: 'member', group: 'server', sub: 'edit', options: { member: 'Alice', display_name: 'Ali' } },
    { name: 'member', sub: 'delete', options: { member: 'Zed' }, press: 'Delete member' },
    { name: 'group', sub: 'list' },
    { name: 'group', sub: 'view', options: { group: 'Core' } },
    { name: 'group', sub: 'create', options: { name: 'Extra' } },
    { name: 'group', sub: 'edit', options: { group: 'Extra', description: 'More' } },
    { name: 'group', group: 'members', sub: 'view', options: { group: 'Core' } },
    { name: 'group', group: 'members', sub: 'add', options: { group: 'Extra', members: 'Alice' } },
    { name: 'group', group: 'members', sub: 'remove', options: { group: 'Extra', members: 'Alice' } },
    { name: 'group', group: 'members', sub: 'set', options: { group: 'Extra', members: 'Bob' } },
    { name: 'group', sub: 'delete', options: { group: 'Extra' }, press: 'Delete group' },
  ];
  return { token: system.token!, steps };
}

type Message = { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> };

/**
 * Runs one of each command (confirming prompts) and returns every request PluralKit saw meanwhile.
 */
export async function runCommandSuite(world: CoverageWorld, timeoutMs = 15_000): Promise<RecordedRequest[]> {
  const { discord, pluralkit } = world;
  const { token, steps } = seed(pluralkit);
  pluralkit.clearRequests();
  await discord.modalSubmit({ customId: 'token:submit', fields: { token }, user: SUITE_OWNER, guildId: null }).finalMessage(timeoutMs);
  for (const step of steps) {
    const guildId = step.dm ? null : SUITE_GUILD;
    const handle = discord.slashCommand({
      name: step.name,
      ...(step.group ? { subcommandGroup: step.group } : {}),
      ...(step.sub ? { subcommand: step.sub } : {}),
      options: step.options ?? {},
      user: SUITE_OWNER,
      guildId,
    });
    const answer = (await settledAnswer(handle, timeoutMs)) as Message;
    const button = step.press ? answer.components?.flatMap((row) => row.components).find((entry) => entry.label === step.press) : undefined;
    if (button?.custom_id) await discord.button({ customId: button.custom_id, user: SUITE_OWNER, guildId }).finalMessage(timeoutMs);
  }
  return [...pluralkit.requests];
}
