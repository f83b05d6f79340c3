import type { APIEmbed } from 'discord-api-types/v10';
import type { ChartMembers } from '../charts/labels.js';
import type { System } from '../pluralkit/models.js';
import type { MemberNames } from '../stats/member-names.js';
import type { StatsRange } from '../stats/range.js';
import { minutesWarning } from './stats-range.js';
import { systemLabel } from './system.js';

/** "Reading front history… 1,400 switches" while a long history is read. */
export function readingProgressText(switchesRead: number): string {
  return `⏳ Reading front history… ${switchesRead.toLocaleString('en')} switches`;
}

/** "Looking up member names… 12 of 40" while a private member list is named one by one. */
export function namingProgressText(looked: number, of: number): string {
  return `⏳ Looking up member names… ${looked.toLocaleString('en')} of ${of.toLocaleString('en')}`;
}

/** The plain-text title drawn on a chart: the system (and group) as this viewer may see them. */
export function chartTitle(source: { system: Pick<System, 'name' | 'id'>; group: { name: string } | null }, what: string): string {
  const system = source.system.name ?? source.system.id;
  return source.group ? `${what} of ${source.group.name} (${system})` : `${what} of ${system}`;
}

/**
 * Names as charts draw them: deleted members as "deleted member (id)"; members not looked up in
 * time are left out, so the chart shows them by ID.
 */
export function chartMembersOf(names: MemberNames): ChartMembers {
  const members = new Map<string, { name: string | null; color: string | null }>(names.named);
  for (const id of names.gone) members.set(id, { name: `deleted member (${id})`, color: null });
  return members;
}

/** Lines above a /stats reply: a range of minutes that may have meant months, members shown by ID. */
export function statsNotes(range: Pick<StatsRange, 'minutesWarning' | 'label'>, unnamedCount: number): string {
  const notes: string[] = [];
  if (range.minutesWarning) notes.push(minutesWarning(range));
  if (unnamedCount > 0) notes.push(`PluralKit could not be asked for ${unnamedCount === 1 ? 'one member’s name' : `${unnamedCount} members’ names`} in time, so they are shown by ID.`);
  return notes.join('\n');
}

/** Markdown naming the system, for embeds. */
export function statsSystemLabel(source: { system: System }): string {
  return systemLabel(source.system);
}

/** Points an embed at the chart attached to the same message. */
export function withChart(embed: APIEmbed, fileName: string): APIEmbed {
  return { ...embed, image: { url: `attachment://${fileName}` } };
}
