import { refuse } from '../core/refusal.js';
import type { CallOptions } from '../pluralkit/client.js';
import type { System } from '../pluralkit/models.js';
import { publicSystem } from '../pluralkit/privacy.js';
import { normalizeEntityRef } from '../pluralkit/refs.js';
import type { Services } from '../services.js';
import type { FrontHistory } from '../stats/history-reader.js';
import { switchPagesOf } from '../stats/history-reader.js';
import { parseStatsRange, type StatsRange } from '../stats/range.js';
import type { HistoryView } from './history-names.js';
import { resolveOwn } from '../access/own-system.js';
import type { ReadTarget } from '../access/read-target.js';
import { storedSystemFor, storedTokenFor } from '../access/stored-token.js';

/** Everything a /stats reply is drawn from, read with the viewer's rights only. */
export interface StatsSource {
  system: System;
  /** Whose history, in which view: for naming members now and on later pages. */
  view: HistoryView & { systemId: string };
  history: FrontHistory;
  range: StatsRange;
  group: { name: string; color: string | null; memberIds: ReadonlySet<string> } | null;
}

export interface StatsRequest {
  userId: string;
  target: ReadTarget;
  range: string | undefined;
  until: string | undefined;
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
export async function statsZone(services: Services, userId: string): Promise<string> {
  const stored = await storedTokenFor(services, userId);
  return stored ? services.directory.timezone(userId, stored) : 'UTC';
}

async function groupFilter(services: Services, userId: string, target: ReadTarget, systemId: string, input: string, options: CallOptions): Promise<StatsSource['group']> {
  const stored = target.ownSystem ? await storedTokenFor(services, userId) : null;
  let ref: string;
  if (stored) {
    ref = (await resolveOwn(services, 'groups', userId, stored, input)).uuid;
  } else {
    const direct = normalizeEntityRef(input);
    if (!direct) refuse('stats.group-by-id-only', {});
    ref = direct;
  }
  const group = await services.pluralkit.getGroup(ref, options);
  if (group.system !== undefined && group.system !== systemId) refuse('stats.group-of-another-system', {});
  const members = await services.pluralkit.getGroupMembers(ref, options);
  return { name: group.name, color: group.color, memberIds: new Set(members.map((member) => member.id)) };
}

/**
 * Reads what a /stats reply needs: the system, the group filter, and the history back to the
 * range start. A public read is PluralKit's public view now: a kept history is checked against
 * it first (see FrontHistoryCache).
 */
export async function loadStatsSource(services: Services, request: StatsRequest): Promise<StatsSource> {
  const { target, userId } = request;
  // The chart is drawn after these reads: its renderer process starts meanwhile.
  void services.charts.warmUp();
  const timeZone = await statsZone(services, userId);
  const range = parseStatsRange({ range: request.range, until: request.until }, { now: new Date(), timeZone });
  const call: StatsCall = { deadline: request.deadline, longRead: true };
  const asViewer: CallOptions = target.token ? { ...call, token: target.token } : call;
  const fetched = await services.pluralkit.getSystem(target.systemRef, asViewer);
  const system = target.token ? fetched : publicSystem(fetched);
  const group = request.group === undefined ? null : await groupFilter(services, userId, target, system.id, request.group, asViewer);
  const owner = target.token !== undefined;
  const history = await services.frontHistory.read(
    {
      key: owner ? `owner:${userId}:${system.id}` : `public:${system.id}`,
      systemId: system.id,
      publicView: !owner,
      since: range.start ? range.start.getTime() : null,
      deadline: request.deadline,
      onProgress: request.onProgress,
      longRead: true,
    },
    switchPagesOf(services.pluralkit, target.systemRef, target.token),
  );
  return { system, view: { ref: target.systemRef, owner, ownSystem: target.ownSystem, systemId: system.id }, history, range, group };
}

/**
 * Before a later page of a table is shown: the view must still be one this viewer may see. The
 * owner's view needs the owner's token, still for that system; a public view needs the front
 * history still public (PluralKit's refusal is thrown, worded like any other).
 */
export async function assertStillViewable(services: Services, userId: string, view: HistoryView & { systemId: string }): Promise<void> {
  if (view.owner) {
    const stored = await storedSystemFor(services, userId);
    if (!stored || stored.systemId !== view.systemId) refuse('stats.owner-token-gone', {});
    return;
  }
  await services.pluralkit.getSystemSwitches(view.ref, { limit: 1 });
}
