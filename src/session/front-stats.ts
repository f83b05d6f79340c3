import { UserFacingError } from '../core/user-facing-error.js';
import type { ChartMember, ChartMembers } from '../charts/labels.js';
import type { CallOptions } from '../pluralkit/client.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { Member, System } from '../pluralkit/models.js';
import { publicMember, publicSystem } from '../pluralkit/privacy.js';
import { normalizeEntityRef } from '../pluralkit/refs.js';
import type { Services } from '../services.js';
import type { FrontHistory } from '../stats/history-reader.js';
import { switchPagesOf } from '../stats/history-reader.js';
import { parseStatsRange } from '../stats/range.js';
import { resolveOwn } from './own-system.js';
import type { ReadTarget } from './read-target.js';
import { storedTokenFor } from './stored-token.js';

/** Everything a /stats reply is drawn from, read with the viewer's rights only. */
export interface StatsSource {
  system: System;
  /** Public replies: only members in PluralKit's public member list are named. */
  members: ChartMembers;
  /** Set when members could not be named (a private member list). */
  namesHidden: boolean;
  history: FrontHistory;
  rangeStart: number | null;
  rangeLabel: string;
  timeZone: string;
  group: { name: string; color: string | null; memberIds: ReadonlySet<string> } | null;
}

export interface StatsRequest {
  userId: string;
  target: ReadTarget;
  range: string | undefined;
  group: string | undefined;
  /** Stop reading history by this instant and show what was read (Discord's 15 minutes). */
  deadline: number;
  onProgress(switchesRead: number): void;
}

/**
 * How /stats calls PluralKit: as one long read with the reply's deadline (its many pages and the
 * calls before them keep a share of the rate limit, rather than each queueing behind every
 * interactive call of the moment).
 */
type StatsCall = Pick<CallOptions, 'deadline' | 'longRead'>;

/**
 * The zone ranges are read in and times are shown in: the viewer's own PluralKit zone (as
 * PluralKit does; another system's zone is not public), UTC without a token.
 */
async function viewerZone(services: Services, userId: string): Promise<string> {
  const stored = storedTokenFor(services, userId);
  return stored ? services.directory.timezone(userId, stored) : 'UTC';
}

function chartMember(member: Pick<Member, 'name' | 'color'>): ChartMember {
  return { name: member.name, color: member.color };
}

/** Names as this viewer may see them: the owner's list, or exactly PluralKit's public list. */
async function memberNames(services: Services, userId: string, target: ReadTarget, call: StatsCall): Promise<{ members: ChartMembers; namesHidden: boolean }> {
  const stored = target.ownSystem ? storedTokenFor(services, userId) : null;
  if (stored) {
    const own = await services.directory.ownMembers(userId, stored);
    const visible = target.token ? own : own.filter((member) => member.privacy?.visibility !== 'private').map(publicMember);
    return { members: new Map(visible.map((member) => [member.id, chartMember(member)])), namesHidden: false };
  }
  try {
    const listed = await services.pluralkit.getSystemMembers(target.systemRef, call);
    return { members: new Map(listed.map((member) => [member.id, chartMember(member)])), namesHidden: false };
  } catch (error) {
    if (hasCode(error, PkErrorCode.MemberListPrivate)) return { members: new Map(), namesHidden: true };
    throw error;
  }
}

async function groupFilter(services: Services, userId: string, target: ReadTarget, systemId: string, input: string, options: CallOptions): Promise<StatsSource['group']> {
  const stored = target.ownSystem ? storedTokenFor(services, userId) : null;
  let ref: string;
  if (stored) {
    ref = (await resolveOwn(services, 'groups', userId, stored, input)).uuid;
  } else {
    const direct = normalizeEntityRef(input);
    if (!direct) throw new UserFacingError("Another system's groups are given by their 5–6 letter ID (or UUID), not by name.");
    ref = direct;
  }
  const group = await services.pluralkit.getGroup(ref, options);
  if (group.system !== undefined && group.system !== systemId) throw new UserFacingError('That group belongs to another system.');
  const members = await services.pluralkit.getGroupMembers(ref, options);
  return { name: group.name, color: group.color, memberIds: new Set(members.map((member) => member.id)) };
}

/** Reads what a /stats reply needs: the system, names, the group filter, and the history back to the range start. */
export async function loadStatsSource(services: Services, request: StatsRequest): Promise<StatsSource> {
  const { target, userId } = request;
  const timeZone = await viewerZone(services, userId);
  const range = parseStatsRange(request.range, { now: new Date(), timeZone });
  if (!range.ok) throw new UserFacingError(range.message);
  const call: StatsCall = { deadline: request.deadline, longRead: true };
  const asViewer: CallOptions = target.token ? { ...call, token: target.token } : call;
  const fetched = await services.pluralkit.getSystem(target.systemRef, asViewer);
  const system = target.token ? fetched : publicSystem(fetched);
  const [names, group] = await Promise.all([
    memberNames(services, userId, target, call),
    request.group === undefined ? Promise.resolve(null) : groupFilter(services, userId, target, system.id, request.group, asViewer),
  ]);
  const since = range.start ? range.start.getTime() : null;
  const history = await services.frontHistory.read(
    {
      key: target.token ? `owner:${userId}:${system.id}` : `public:${system.id}`,
      systemId: system.id,
      since,
      deadline: request.deadline,
      onProgress: request.onProgress,
      longRead: true,
    },
    switchPagesOf(services.pluralkit, target.systemRef, target.token),
  );
  return { system, ...names, history, rangeStart: since, rangeLabel: range.label, timeZone: range.timeZone, group };
}
