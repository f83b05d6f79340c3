import type { Reply, RequestContext } from './context.js';
import { errors, type ApiError } from './errors.js';
import * as groups from './handlers/groups.js';
import * as members from './handlers/members.js';
import * as messages from './handlers/messages.js';
import * as oembed from './handlers/oembed.js';
import * as settings from './handlers/settings.js';
import * as switches from './handlers/switches.js';
import * as systems from './handlers/systems.js';

export type Handler = (ctx: RequestContext) => Reply;
export type EntityParam = 'system' | 'member' | 'group' | 'switch';
export type ParamName = EntityParam | 'guild_id' | 'message';

export interface Route {
  /** e.g. "/systems/{system}/switches/{switch}" (relative to /v2) */
  pattern: string;
  methods: Partial<Record<string, Handler>>;
}

const ROUTES: Route[] = [
  { pattern: '/systems/{system}', methods: { GET: systems.getSystem, PATCH: systems.patchSystem } },
  { pattern: '/systems/{system}/settings', methods: { GET: settings.getSettings, PATCH: settings.patchSettings } },
  { pattern: '/systems/{system}/guilds/{guild_id}', methods: { GET: settings.getSystemGuild, PATCH: settings.patchSystemGuild } },
  { pattern: '/systems/{system}/autoproxy', methods: { GET: settings.getAutoproxy, PATCH: settings.patchAutoproxy } },
  { pattern: '/systems/{system}/oembed.json', methods: { GET: oembed.systemOembed } },
  { pattern: '/systems/{system}/members', methods: { GET: members.listSystemMembers } },
  { pattern: '/systems/{system}/groups', methods: { GET: groups.listSystemGroups } },
  { pattern: '/systems/{system}/fronters', methods: { GET: switches.getFronters } },
  { pattern: '/systems/{system}/switches', methods: { GET: switches.listSwitches, POST: switches.createSwitch } },
  {
    pattern: '/systems/{system}/switches/{switch}',
    methods: { GET: switches.getSwitch, PATCH: switches.patchSwitch, DELETE: switches.deleteSwitch },
  },
  { pattern: '/systems/{system}/switches/{switch}/members', methods: { PATCH: switches.patchSwitchMembers } },
  { pattern: '/members', methods: { POST: members.createMember } },
  {
    pattern: '/members/{member}',
    methods: { GET: members.getMember, PATCH: members.patchMember, DELETE: members.deleteMember },
  },
  { pattern: '/members/{member}/groups', methods: { GET: members.listMemberGroups } },
  { pattern: '/members/{member}/groups/add', methods: { POST: members.addMemberGroups } },
  { pattern: '/members/{member}/groups/remove', methods: { POST: members.removeMemberGroups } },
  { pattern: '/members/{member}/groups/overwrite', methods: { POST: members.overwriteMemberGroups } },
  { pattern: '/members/{member}/guilds/{guild_id}', methods: { GET: members.getMemberGuild, PATCH: members.patchMemberGuild } },
  { pattern: '/members/{member}/oembed.json', methods: { GET: oembed.memberOembed } },
  { pattern: '/groups', methods: { POST: groups.createGroup } },
  { pattern: '/groups/{group}', methods: { GET: groups.getGroup, PATCH: groups.patchGroup, DELETE: groups.deleteGroup } },
  { pattern: '/groups/{group}/members', methods: { GET: groups.listGroupMembers } },
  { pattern: '/groups/{group}/members/add', methods: { POST: groups.addGroupMembers } },
  { pattern: '/groups/{group}/members/remove', methods: { POST: groups.removeGroupMembers } },
  { pattern: '/groups/{group}/members/overwrite', methods: { POST: groups.overwriteGroupMembers } },
  { pattern: '/groups/{group}/oembed.json', methods: { GET: oembed.groupOembed } },
  { pattern: '/messages/{message}', methods: { GET: messages.getMessage } },
];

/** The settings GET is the only endpoint answered by the Rust front itself. */
const RUST_SERVED = new Set(['GET /systems/{system}/settings']);

export function isRustServed(route: Route, method: string): boolean {
  return RUST_SERVED.has(`${method} ${route.pattern}`);
}

export interface RouteMatch {
  route: Route;
  /** Parameters in path order, percent-decoded. */
  params: Array<{ name: ParamName; value: string }>;
}

export function matchRoute(path: string): RouteMatch | null {
  if (!path.startsWith('/v2/')) return null;
  const segments = path.slice('/v2'.length).split('/').slice(1);
  let decoded: string[];
  try {
    decoded = segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
  for (const route of ROUTES) {
    const patternSegments = route.pattern.split('/').slice(1);
    if (patternSegments.length !== decoded.length) continue;
    const params: RouteMatch['params'] = [];
    const matches = patternSegments.every((patternSegment, index) => {
      const value = decoded[index] ?? '';
      if (patternSegment.startsWith('{')) {
        if (value === '') return false;
        params.push({ name: patternSegment.slice(1, -1) as ParamName, value });
        return true;
      }
      return patternSegment === value;
    });
    if (matches) return { route, params };
  }
  return null;
}

const V1_SHAPES = ['/v2/s', '/v2/m'];
const V1_PREFIXES = ['/v2/s/', '/v2/m/', '/v2/a/', '/v2/msg/'];

export type UnmatchedOutcome = { redirect: string } | ApiError;

/** Rust route filter for paths no v2 route matches (reference §1.1). */
export function classifyUnmatched(path: string): UnmatchedOutcome {
  if (path === '/') return { redirect: 'https://pluralkit.me/api' };
  if (path.startsWith('/v1')) return errors.goneVersion();
  if (V1_SHAPES.includes(path) || V1_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return errors.invalidPathForVersion();
  }
  if (!path.startsWith('/v2') && !path.startsWith('/private')) return errors.unsupportedVersion();
  return errors.routeNotFound();
}

export function allowedMethods(route: Route): string[] {
  return Object.keys(route.methods);
}
