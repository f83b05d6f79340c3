import type { APIEmbed } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { formatDuration, parseTime, when } from '../time/format.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { headingBodyCost, placeHeading } from './heading.js';
import { joinWithin } from '../text/list-fit.js';
import { HISTORY_PAGE_SIZE } from '../switches/history.js';

/** One switch as the history shows it. */
export interface HistoryEntry {
  id: string;
  timestamp: string;
  /** name null: a deleted or unknown member, shown by its ID. */
  members: Array<{ id: string; name: string | null }>;
  /** The next-newer switch's timestamp; null while this switch is still current. */
  endedAt: string | null;
}

export interface SwitchHistoryOptions {
  /** Zero-based page index; shown one-based. */
  page: number;
  hasNext: boolean;
  /** Accepted for callers' convenience; the paging buttons show it, the embed does not need it. */
  hasPrevious?: boolean;
  /** Accepted for callers' convenience; relative times are rendered by Discord itself. */
  now?: Date;
  /** Markdown naming the system (e.g. "your system", "system `abcde`"). */
  systemLabel: string;
  /** The system's 6-hex colour, if visible. */
  color?: string | null;
}

/** Keeps ten switches of even 150 long names each within the 4096-character description. */
const NAMES_PER_LINE_MAX = 300;

function namesOf(entry: HistoryEntry): string {
  if (entry.members.length === 0) return '**no fronter**';
  const names = entry.members.map((member) =>
    member.name === null ? `*deleted member* (${inlineCode(member.id)})` : `**${safeName(member.name)}**`,
  );
  return joinWithin(names, ', ', NAMES_PER_LINE_MAX, (hidden) => `*+${hidden} more*`);
}

function historyLine(entry: HistoryEntry): string {
  const start = parseTime(entry.timestamp);
  if (!start) return `${namesOf(entry)} — unknown time`;
  const ended = parseTime(entry.endedAt);
  const duration = ended ? `, for ${formatDuration(ended.getTime() - start.getTime())}` : '';
  return `${namesOf(entry)} — ${when(start)}${duration}`;
}

/** Whole lines up to the description limit, with a note for any that did not fit. */
function describe(lines: readonly string[], max: number): string {
  const note = (hidden: number): string => `*(${hidden} more switches did not fit on this page)*`;
  return joinWithin(lines, '\n', max, note);
}

function footerText(options: SwitchHistoryOptions): string {
  const shownPage = options.page + 1;
  // On the last page the page count is known.
  return options.hasNext ? `Page ${shownPage} · newest first` : `Page ${shownPage} of ${shownPage} · newest first`;
}

/**
 * One page of front history (up to ten switches, newest first), like PluralKit's but with Discord
 * timestamps: bold names, when each switch started and, once ended, for how long.
 */
export function renderSwitchHistory(entries: readonly HistoryEntry[], options: SwitchHistoryOptions): APIEmbed {
  const heading = `Front history of ${options.systemLabel}`;
  const lines = entries.slice(0, HISTORY_PAGE_SIZE).map(historyLine);
  const empty = options.page === 0 ? 'This system has no registered switches yet.' : 'No older switches.';
  const body = lines.length > 0 ? describe(lines, DiscordLimits.embedDescription - headingBodyCost(heading)) : empty;
  return fitEmbed({
    ...placeHeading(heading, body),
    color: embedColor(options.color),
    footer: { text: footerText(options) },
  });
}
