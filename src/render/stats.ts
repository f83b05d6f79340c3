import type { APIEmbed } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { formatShare } from '../stats/share-format.js';
import type { FrontStats } from '../stats/types.js';
import { formatZoned } from '../stats/zoned-time.js';
import { discordTimestamp, formatDuration } from '../time/format.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { headingBodyCost, placeHeading } from './heading.js';

export interface FrontStatsTableOptions {
  /** Markdown naming the system ("your system", "system `abcde`", "<@123>'s system"). */
  systemLabel: string;
  /** The group's name when the stats are for one group. */
  groupName?: string | null;
  /** Member short ID → the name to show (privacy already applied); members missing here show their ID. The charts' member map fits. */
  members: MemberNames;
  /** The zone the footer's start is written in (PluralKit uses the viewer's). */
  timeZone: string;
  now: Date;
  /** The system's or group's 6-hex colour. */
  color?: string | null;
  /** When the history read stopped before the range start: the instant it reached back to. */
  readBackTo?: number | null;
}

export type MemberNames = ReadonlyMap<string, { name: string | null }>;

const NOTHING_TO_SHOW = 'No front history in this range.';

function heading(options: FrontStatsTableOptions): string {
  return options.groupName
    ? `Front share of ${safeName(options.groupName)} (${options.systemLabel})`
    : `Front share of ${options.systemLabel}`;
}

/** PluralKit's front percent footer: where the period starts, how long ago, and the mode. */
export function frontStatsFooter(stats: FrontStats, timeZone: string, now: Date): string {
  const start = stats.periodStart ?? now.getTime();
  let footer = `Since ${formatZoned(start, timeZone)} (${formatDuration(now.getTime() - start)} ago)`;
  if (stats.flat) footer += `. Showing flat list (percentages add up to 100%)${stats.frontersOnly ? ', ignoring switch-outs' : ''}`;
  else if (stats.frontersOnly) footer += '. Ignoring switch-outs';
  return footer;
}

function memberName(id: string, members: MemberNames): string {
  const name = members.get(id)?.name;
  return name ? `**${safeName(name)}**` : `*unknown member* (${inlineCode(id)})`;
}

/** One line per member, most time first, then no fronter: `**Name** — 42% (3d 4h)`. */
export function frontStatsLines(stats: FrontStats, members: MemberNames): string[] {
  const line = (label: string, share: number, ms: number) => `${label} — ${formatShare(share)} (${formatDuration(ms)})`;
  const lines = stats.members.map((row) => line(memberName(row.memberId, members), row.share, row.totalMs));
  if (stats.noFronter && stats.noFronter.totalMs > 0) lines.push(line('*(no fronter)*', stats.noFronter.share, stats.noFronter.totalMs));
  return lines;
}

/** Whole lines into pages of at most `budget` characters each. */
function pack(lines: readonly string[], budget: number): string[] {
  const pages: string[] = [];
  let page = '';
  for (const line of lines) {
    const next = page === '' ? line : `${page}\n${line}`;
    if (next.length > budget && page !== '') {
      pages.push(page);
      page = line;
    } else {
      page = next;
    }
  }
  if (page !== '') pages.push(page);
  return pages;
}

/**
 * The front share of every member (no 24-member cap), in as many embeds as it takes: each page
 * fits Discord's 4,096-character description and 6,000-character embed on its own, to be shown
 * one at a time. Titles say `[p/N]` like PluralKit's paginated embeds; every page carries the
 * footer with the period actually covered and the mode.
 */
export function renderFrontStatsPages(stats: FrontStats, options: FrontStatsTableOptions): APIEmbed[] {
  const base = heading(options);
  const color = embedColor(options.color);
  if (stats.periodStart === null) return [fitEmbed({ ...placeHeading(base, NOTHING_TO_SHOW), color })];

  const footer = frontStatsFooter(stats, options.timeZone, options.now);
  const note = options.readBackTo
    ? `⚠️ Only the front history since ${discordTimestamp(new Date(options.readBackTo), 'f')} could be read in time; these figures cover that part.\n\n`
    : '';
  const lines = frontStatsLines(stats, options.members);
  // Room for the longest title any page can get ("[999/999] " in front), the footer and the note.
  const longestTitle = `[999/999] ${base}`;
  const budget =
    Math.min(DiscordLimits.embedDescription - headingBodyCost(longestTitle), DiscordLimits.embedTotal - Math.min(longestTitle.length, DiscordLimits.embedTitle) - footer.length) -
    note.length;
  const bodies = lines.length > 0 ? pack(lines, Math.max(200, budget)) : ['Nobody fronted in this range.'];
  return bodies.map((body, index) => {
    const title = bodies.length > 1 ? `[${index + 1}/${bodies.length}] ${base}` : base;
    return fitEmbed({ ...placeHeading(title, `${note}${body}`), color, footer: { text: footer } });
  });
}
