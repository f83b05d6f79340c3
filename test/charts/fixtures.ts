import type { SwitchSummary } from '../../src/pluralkit/models.js';
import type { ChartMember } from '../../src/charts/labels.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import type { FrontStatsOptions } from '../../src/stats/types.js';

export const H = 3_600_000;
export const D = 24 * H;
export const NOW = Date.parse('2026-05-31T12:00:00Z');

/** Switches given oldest first as [hours ago, ...member IDs]. */
export function statsOf(entries: Array<[number, ...string[]]>, options: Partial<FrontStatsOptions> = {}) {
  const switches: SwitchSummary[] = entries.map(([hoursAgo, ...members], index) => ({
    id: `s${index}`,
    timestamp: new Date(NOW - hoursAgo * H).toISOString(),
    members,
  }));
  return computeFrontStats(switches.reverse(), { start: null, now: NOW, ...options });
}

export function membersOf(entries: Record<string, Partial<ChartMember>>): Map<string, ChartMember> {
  return new Map(Object.entries(entries).map(([id, member]) => [id, { name: member.name ?? null, color: member.color ?? null }]));
}

/** `count` members with one switch each, member i fronting i+1 hours (so the last has the most). */
export function manyMembers(count: number) {
  const entries: Array<[number, ...string[]]> = [];
  let hoursAgo = (count * (count + 1)) / 2;
  for (let i = 0; i < count; i++) {
    entries.push([hoursAgo, `m${String(i).padStart(3, '0')}`]);
    hoursAgo -= i + 1;
  }
  return statsOf(entries);
}
