import { DateTime } from 'luxon';
import type { FrontStats } from '../stats/types.js';
import { zoneAbbreviation } from '../stats/zoned-time.js';

/** What charts know about a member: the name to show (privacy already applied by the caller) and colour. */
export interface ChartMember {
  name: string | null;
  color: string | null;
  /** Set by `drawChart` when no chart font has some character of the name: the chart shows the ID. */
  nameUndrawable?: boolean;
}

export type ChartMembers = ReadonlyMap<string, ChartMember>;

/**
 * A member's label; members the caller could not name (hidden, deleted) show their short ID, and so
 * do names the chart fonts cannot draw, with a note rather than boxes.
 */
export function memberLabel(memberId: string, members: ChartMembers): string {
  const member = members.get(memberId);
  const name = member?.name?.trim();
  if (!name) return `unknown member (${memberId})`;
  return member?.nameUndrawable ? `${memberId} (name not drawn)` : name;
}

export const NO_FRONTER_LABEL = '(no fronter)';

export function othersLabel(count: number): string {
  return `${count} other${count === 1 ? '' : 's'}`;
}

/** `1 May 2026, 14:00 – 31 May 2026, 12:00 CEST`, in the system's zone. */
export function periodText(start: number, end: number, timeZone: string): string {
  const format = (instant: number) => DateTime.fromMillis(instant, { zone: timeZone }).toFormat('d LLL yyyy, HH:mm');
  return `${format(start)} – ${format(end)} ${zoneAbbreviation(end, timeZone)}`;
}

/** The mode, in PluralKit's words. */
export function modeText(stats: Pick<FrontStats, 'flat' | 'frontersOnly'>): string | null {
  if (stats.flat) return stats.frontersOnly ? 'flat (adds up to 100%), ignoring switch-outs' : 'flat (adds up to 100%)';
  return stats.frontersOnly ? 'ignoring switch-outs' : null;
}
