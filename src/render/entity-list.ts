import type { APIEmbed } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { headingBodyCost, placeHeading } from './heading.js';
import { joinWithin } from '../text/list-fit.js';
import { truncate } from '../text/truncate.js';

/** PluralKit's short list: 25 entries a page. */
export const LIST_PAGE_SIZE = 25;
/** Names are cut so 25 lines of even the longest names fit one description. */
const NAME_MAX = 60;

export interface ListLine {
  id: string;
  name: string;
  /** The one extra datum (markdown), or null. */
  datum: string | null;
  /** Hidden from public lists (only shown in the owner view). */
  hidden?: boolean;
}

export interface EntityListPage {
  /** Markdown heading, e.g. "Members of your system"; a mention in it moves it into the body. */
  heading: string;
  lines: readonly ListLine[];
  /** Zero-based. */
  page: number;
  pageCount: number;
  /** Entries across all pages (after search). */
  total: number;
  /** "member" / "group", for the count and the empty text. */
  noun: string;
  sortLabel: string;
  search?: string | undefined;
  /** Which view this is, said in the footer. */
  view: 'public' | 'private';
}

/** `[`id`] **name**` plus the datum, as PluralKit's short list writes a line. */
export function listLine(line: ListLine, nameMax = NAME_MAX): string {
  const parts = [`[${inlineCode(line.id)}] **${safeName(truncate(line.name, nameMax))}**`];
  if (line.datum) parts.push(line.datum);
  if (line.hidden) parts.push('*(hidden)*');
  return parts.join(' ');
}

/** A line within `max`: a long name is cut shorter first, then the datum (markdown, not cut) is left out. */
function fittedLine(line: ListLine, max: number): string {
  for (const nameMax of [NAME_MAX, 30, 20]) {
    const text = listLine(line, nameMax);
    if (text.length <= max) return text;
  }
  for (let nameMax = 20; nameMax > 1; nameMax = Math.floor(nameMax / 2)) {
    const text = listLine({ ...line, datum: null }, nameMax);
    if (text.length <= max) return text;
  }
  return listLine({ ...line, datum: null }, 1);
}

export function renderEntityList(list: EntityListPage): APIEmbed {
  const heading = list.search ? `${list.heading} matching “${safeName(truncate(list.search, 50))}”` : list.heading;
  const empty = list.search ? `No ${list.noun}s match that search.` : `No ${list.noun}s to show.`;
  const budget = DiscordLimits.embedDescription - headingBodyCost(heading);
  // Every line of the page gets its share of the description, so no entry is dropped.
  const perLine = Math.floor((budget - list.lines.length) / Math.max(1, list.lines.length));
  const body =
    list.lines.length === 0
      ? `*${empty}*`
      : joinWithin(
          list.lines.map((line) => fittedLine(line, perLine)),
          '\n',
          budget,
          (hidden) => `*(${hidden} more on this page not shown)*`,
        );
  const footer = [
    `Sorted by ${list.sortLabel}`,
    `${list.total} ${list.noun}${list.total === 1 ? '' : 's'}`,
    list.view === 'private' ? 'your private view' : 'public view',
  ];
  if (list.pageCount > 1) footer.unshift(`Page ${list.page + 1}/${list.pageCount}`);
  return fitEmbed({ ...placeHeading(heading, body), footer: { text: footer.join(' · ') } });
}

/** What a list's reader is told when the list is private to this view, with what would show it. */
export function entityListPrivateText(noun: string, system: string, target: { ownSystem: boolean; connected: boolean }): string {
  if (!target.ownSystem) return `${system} keeps its ${noun} list private.`;
  const how = target.connected ? 'Add `private: True` to see it yourself.' : 'Connect your system with `/token set`, then add `private: True` to see it yourself.';
  return `Your ${noun} list is private, so it is not shown where others can see it. ${how}`;
}
