import { combinedFront } from '../stats/engine.js';
import type { FrontStats } from '../stats/types.js';
import { memberLabel, NO_FRONTER_LABEL, othersLabel, type ChartMembers } from './labels.js';
import { splitTop } from './layout.js';
import { memberPaint, THEME, type MemberPaint } from './palette.js';

export interface FrontRow {
  kind: 'member' | 'others' | 'no-fronter';
  label: string;
  share: number;
  totalMs: number;
  paint: MemberPaint;
  /** Members behind an "others" row. */
  count?: number;
}

/** The row for time when nobody fronted: "(no fronter)", or for a group's stats "(no one from Crew)". */
export function noFronterLabel(groupName: string | null): string {
  return groupName ? `(no one from ${groupName})` : NO_FRONTER_LABEL;
}

/** A chart stays readable up to about this many bars; the rest become one "others" bar. */
export const DEFAULT_MAX_BARS = 15;

/**
 * The bars of a front chart, most time first: the top members, one "others" bar for the rest
 * (see `combinedFront`), then the no-fronter bar when switch-outs are counted and there were any.
 */
export function frontRows(stats: FrontStats, members: ChartMembers, maxBars = DEFAULT_MAX_BARS): FrontRow[] {
  const { shown, rest } = splitTop(stats.members, maxBars);
  const rows: FrontRow[] = shown.map((row) => ({
    kind: 'member',
    label: memberLabel(row.memberId, members),
    share: row.share,
    totalMs: row.totalMs,
    paint: memberPaint(row.memberId, members.get(row.memberId)?.color),
  }));
  if (rest.length > 0) {
    const combined = combinedFront(stats, new Set(rest.map((row) => row.memberId)));
    rows.push({ kind: 'others', label: othersLabel(rest.length), ...combined, paint: { fill: THEME.others }, count: rest.length });
  }
  if (stats.noFronter && stats.noFronter.totalMs > 0) {
    rows.push({ kind: 'no-fronter', label: noFronterLabel(stats.groupName), share: stats.noFronter.share, totalMs: stats.noFronter.totalMs, paint: { fill: THEME.noFronter } });
  }
  return rows;
}
