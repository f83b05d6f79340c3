import type { APIEmbed } from 'discord.js';
import { DiscordLimits } from '../discord/limits.js';
import { discordTimestamp, formatDuration } from '../time/format.js';
import { fitEmbed } from './embed-limits.js';
import { embedColor, safeName } from './format.js';

export interface HistoryEntry {
  id: string;
  timestamp: string;
  /** name null: deleted or unknown member. */
  members: Array<{ id: string; name: string | null }>;
  /** The next-newer switch's timestamp; null while it is still current. */
  endedAt: string | null;
}

function line(entry: HistoryEntry): string {
  const names =
    entry.members.length === 0
      ? '**no fronter**'
      : entry.members.map((m) => (m.name === null ? `*deleted member* (\`${m.id}\`)` : `**${safeName(m.name)}**`)).join(', ');
  const start = new Date(entry.timestamp);
  const duration = entry.endedAt ? `, for ${formatDuration(Date.parse(entry.endedAt) - start.getTime())}` : '';
  return `${names} (${discordTimestamp(start, 'f')}, ${discordTimestamp(start, 'R')}${duration})`;
}

/** One page of front history, newest first, like PluralKit's but with Discord timestamps. */
export function renderSwitchHistory(
  entries: readonly HistoryEntry[],
  options: { page: number; hasNext: boolean; hasPrevious?: boolean; now: Date; systemLabel: string; color?: string | null },
): APIEmbed {
  const lines: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const text = line(entry);
    if (length + text.length + 1 > DiscordLimits.embedDescription) break;
    lines.push(text);
    length += text.length + 1;
  }
  return fitEmbed({
    title: `Front history of ${options.systemLabel}`,
    color: embedColor(options.color),
    description: lines.length > 0 ? lines.join('\n') : 'No switches to show.',
    footer: { text: `Page ${options.page + 1}${options.hasNext ? '' : ' (oldest)'}` },
  });
}
