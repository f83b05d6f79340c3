import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { Member, System } from '../pluralkit/models.js';
import type { SystemNaming } from '../access/read-target.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { discordTimestamp, parseTime } from '../time/format.js';
import { dashboardUrl, embedColor, tidyDescription } from './format.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { joinWithin } from '../text/list-fit.js';

/** A count this viewer may see; `hidden` (owner view) says how many of them the public does not. */
export interface ListCount {
  total: number;
  hidden?: number;
}

export interface SystemCardOptions {
  /** How many members this viewer may count; null or absent = member list not visible, no field. */
  memberCount?: number | ListCount | null;
  /** The same for groups. */
  groupCount?: number | ListCount | null;
  /** The current fronters; null or absent = front not visible. A switch-out (empty) shows nothing, as in PluralKit. */
  fronters?: readonly Member[] | null;
  /** Owner view: the labels of the subjects kept private, shown so the owner knows what others miss. */
  privateSubjects?: readonly string[];
}

/** PluralKit's system card keeps fronters short and points to the fronters command beyond this. */
const FRONTERS_VALUE_MAX = 200;

/** "Name (`id`)", or just the ID when the name is private or unset. Markdown, escaped. */
export function systemLabel(system: Pick<System, 'id' | 'name'>, nameFallback?: string | null): string {
  const name = system.name ?? nameFallback ?? null;
  return name ? `${safeName(name)} (${inlineCode(system.id)})` : inlineCode(system.id);
}

/**
 * The system a reply shows, named the same way in every command: "Name (`abcdef`)" as this view
 * names it; nameless (or its name private), by the account it was looked up by, else by its ID.
 */
export function systemHeadingName(naming: SystemNaming): string {
  if (naming.name && naming.id) return systemLabel({ id: naming.id, name: naming.name });
  const id = naming.id ? ` (${inlineCode(naming.id)})` : '';
  if (naming.accountId) return `<@${naming.accountId}>'s system${id}`;
  if (naming.id) return `system ${inlineCode(naming.id)}`;
  // Only the owner's own view (ephemeral) reads `@me`.
  return naming.ref === '@me' ? 'your system' : `system ${inlineCode(naming.ref)}`;
}

function countText(count: number | ListCount): string {
  const { total, hidden } = typeof count === 'number' ? { total: count, hidden: undefined } : count;
  return hidden ? `${total} (${hidden} hidden from others)` : String(total);
}

function systemFields(system: System, options: SystemCardOptions): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const fronters = options.fronters ?? [];
  if (fronters.length > 0) {
    fields.push({
      name: fronters.length === 1 ? 'Current fronter' : 'Current fronters',
      value: joinWithin(
        fronters.map((member) => safeName(member.name)),
        ', ',
        FRONTERS_VALUE_MAX,
        (hidden) => `*(${hidden} more: see \`/fronters\`)*`,
      ),
    });
  }
  if (system.tag) fields.push({ name: 'Tag', value: safeName(system.tag), inline: true });
  if (system.pronouns) fields.push({ name: 'Pronouns', value: safeName(system.pronouns), inline: true });
  if (system.color) fields.push({ name: 'Color', value: `#${system.color.toLowerCase()}`, inline: true });
  if (options.memberCount != null) fields.push({ name: 'Members', value: countText(options.memberCount), inline: true });
  if (options.groupCount != null) fields.push({ name: 'Groups', value: countText(options.groupCount), inline: true });
  const created = parseTime(system.created);
  if (created) fields.push({ name: 'Created', value: `${discordTimestamp(created, 'D')} (${discordTimestamp(created, 'R')})`, inline: true });
  if (system.description) fields.push({ name: 'Description', value: tidyDescription(system.description) });
  if (options.privateSubjects) {
    const value = options.privateSubjects.length > 0 ? `Private: ${options.privateSubjects.join(', ')}.` : 'Everything is public.';
    fields.push({ name: 'Privacy', value: `${value} Change it with \`/system privacy\`.` });
  }
  return fields;
}

/**
 * A system card modelled on PluralKit's legacy system embed, with the created date as a Discord
 * timestamp (each reader's own zone) and a group count. It shows whatever the system object
 * holds: the caller chooses the view (public or owner) and nulls what this viewer may not see.
 */
export function renderSystemCard(system: System, options: SystemCardOptions = {}): APIEmbed {
  return fitEmbed({
    title: system.name ? safeName(system.name) : `System ${system.id}`,
    url: dashboardUrl('s', system.id),
    color: embedColor(system.color),
    ...(system.avatar_url ? { thumbnail: { url: system.avatar_url } } : {}),
    ...(system.banner ? { image: { url: system.banner } } : {}),
    fields: systemFields(system, options),
    footer: { text: `System ID: ${system.id}` },
  });
}

/** The card with PluralKit's "View on dashboard" link button. */
export function renderSystemCardMessage(system: System, options: SystemCardOptions = {}): { embeds: APIEmbed[]; components: Array<APIActionRowComponent<APIComponentInMessageActionRow>> } {
  return {
    embeds: [renderSystemCard(system, options)],
    components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: 'View on dashboard', url: dashboardUrl('s', system.id) }] }],
  };
}
