import type { APIEmbed } from 'discord-api-types/v10';
import type { StatsSource } from '../session/front-stats.js';
import { systemLabel } from './system.js';

/** "Reading front history… 1,400 switches" while a long history is read. */
export function readingProgressText(switchesRead: number): string {
  return `⏳ Reading front history… ${switchesRead.toLocaleString('en')} switches`;
}

/** The plain-text title drawn on a chart: the system (and group) as this viewer may see them. */
export function chartTitle(source: Pick<StatsSource, 'system' | 'group'>, what: string): string {
  const system = source.system.name ?? source.system.id;
  return source.group ? `${what} of ${source.group.name} (${system})` : `${what} of ${system}`;
}

/** A note under the table when members could not be named. */
export function namesHiddenNote(source: Pick<StatsSource, 'namesHidden'>): string | null {
  return source.namesHidden ? 'This system keeps its member list private, so members are shown by ID.' : null;
}

/** Markdown naming the system, for embeds. */
export function statsSystemLabel(source: Pick<StatsSource, 'system'>): string {
  return systemLabel(source.system);
}

/** Points an embed at the chart attached to the same message. */
export function withChart(embed: APIEmbed, fileName: string): APIEmbed {
  return { ...embed, image: { url: `attachment://${fileName}` } };
}
