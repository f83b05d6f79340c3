import type { APIEmbed } from 'discord-api-types/v10';
import { noFronterLabel } from '../charts/front-rows.js';
import { shareTotal } from '../stats/engine.js';
import type { FrontTable } from '../stats/front-table.js';
import type { MemberNames } from '../stats/member-names.js';
import { formatShare } from '../stats/share-format.js';
import { formatZoned } from '../stats/zoned-time.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { truncate } from '../text/truncate.js';
import { discordTimestamp, formatDuration } from '../time/format.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { placeHeading } from './heading.js';

/**
 * Rows on one page of the table. With names cut to `NAME_ROOM` and escaped, 20 rows always fit
 * an embed's 4,096-character description, so pages are known before any name is looked up.
 */
export const TABLE_ROWS_PER_PAGE = 20;
const NAME_ROOM = 64;

export interface FrontTableOptions {
  /** Markdown naming the system ("your system", "system `abcde`", "<@123>'s system"). */
  systemLabel: string;
  /** Names for (at least) the members on the page. */
  names: MemberNames;
  /** The zone the footer's times are written in (PluralKit uses the viewer's). */
  timeZone: string;
  /** When the figures were computed. */
  now: Date;
  /** The system's or group's 6-hex colour. */
  color?: string | null;
  /** When the history read stopped before the range start: the instant it reached back to. */
  readBackTo?: number | null;
}

type Period = Pick<FrontTable, 'periodStart' | 'periodEnd' | 'flat' | 'frontersOnly'>;

/**
 * PluralKit's front percent footer (where the period starts, how long ago, the mode), or the
 * span of a range that ended before `now` (give the period's end as `now` for one that ends now).
 */
export function frontStatsFooter(stats: Period, timeZone: string, now: Date): string {
  const start = stats.periodStart ?? now.getTime();
  let footer =
    stats.periodEnd < now.getTime()
      ? `From ${formatZoned(start, timeZone)} to ${formatZoned(stats.periodEnd, timeZone)} (${formatDuration(stats.periodEnd - start)})`
      : `Since ${formatZoned(start, timeZone)} (${formatDuration(now.getTime() - start)} ago)`;
  if (stats.flat) footer += `. Showing flat list (percentages add up to 100%)${stats.frontersOnly ? ', ignoring switch-outs' : ''}`;
  else if (stats.frontersOnly) footer += '. Ignoring switch-outs';
  return footer;
}

/** Said when co-fronting makes the shares add up to more than 100 % (only without `flat`). */
export function coFrontingNote(table: Pick<FrontTable, 'members' | 'noFronter' | 'flat'>): string | null {
  const total = shareTotal(table);
  if (table.flat || total <= 1.0005) return null;
  return `ℹ️ Co-fronting counts in full for each member, so these add up to ${formatShare(total)}; \`flat\` splits it so they add up to 100%.`;
}

/** A member as the table names them: bold name, "deleted member", or the ID when the name could not be looked up. */
function memberName(id: string, names: MemberNames): string {
  const member = names.named.get(id);
  if (member) return `**${safeName(truncate(member.name, NAME_ROOM))}**`;
  return names.gone.has(id) ? `*deleted member* (${inlineCode(id)})` : `*unknown member* (${inlineCode(id)})`;
}

/** Every row of the table, most time first, then the no-fronter row: IDs, or null for no fronter. */
function rowOrder(table: FrontTable): Array<string | null> {
  const rows: Array<string | null> = table.members.map((row) => row.memberId);
  if (table.noFronter && table.noFronter.totalMs > 0) rows.push(null);
  return rows;
}

export function frontTablePageCount(table: FrontTable): number {
  return Math.max(1, Math.ceil(rowOrder(table).length / TABLE_ROWS_PER_PAGE));
}

/** The member IDs on one page (whose names that page needs). */
export function frontTablePageMembers(table: FrontTable, page: number): string[] {
  return rowOrder(table)
    .slice(page * TABLE_ROWS_PER_PAGE, (page + 1) * TABLE_ROWS_PER_PAGE)
    .filter((id): id is string => id !== null);
}

/**
 * One page of the front share of every member (no 24-member cap): `**Name** — 42% (3d 4h)`, 20
 * rows a page, titled `[p/N]` like PluralKit's paginated embeds; every page carries the footer
 * with the period actually covered and the mode, and the notes.
 */
export function renderFrontTablePage(table: FrontTable, options: FrontTableOptions, page: number): APIEmbed {
  const systemLabel = options.systemLabel;
  const base = table.groupName ? `Front share of ${safeName(table.groupName)} (${systemLabel})` : `Front share of ${systemLabel}`;
  const color = embedColor(options.color);
  if (table.periodStart === null) return fitEmbed({ ...placeHeading(base, 'No front history in this range.'), color });

  const byId = new Map(table.members.map((row) => [row.memberId, row]));
  const line = (label: string, share: number, ms: number) => `${label} — ${formatShare(share)} (${formatDuration(ms)})`;
  const rows = rowOrder(table).slice(page * TABLE_ROWS_PER_PAGE, (page + 1) * TABLE_ROWS_PER_PAGE);
  const lines = rows.map((id) => {
    if (id === null) return line(`*${safeName(noFronterLabel(table.groupName))}*`, table.noFronter!.share, table.noFronter!.totalMs);
    const row = byId.get(id)!;
    return line(memberName(id, options.names), row.share, row.totalMs);
  });
  const notes = [
    options.readBackTo ? `⚠️ Only the front history since ${discordTimestamp(new Date(options.readBackTo), 'f')} could be read in time; these figures cover that part.` : null,
    coFrontingNote(table),
  ].filter((note): note is string => note !== null);
  // Notes first, then a blank line, then the rows.
  const pageCount = frontTablePageCount(table);
  const title = pageCount > 1 ? `[${page + 1}/${pageCount}] ${base}` : base;
  const body = [...notes, ...(notes.length > 0 ? [''] : []), lines.length > 0 ? lines.join('\n') : 'Nobody fronted in this range.'].join('\n');
  return fitEmbed({ ...placeHeading(title, body), color, footer: { text: frontStatsFooter(table, options.timeZone, options.now) } });
}
