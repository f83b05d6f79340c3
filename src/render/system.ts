import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Member, System } from '../pluralkit/models.js';
import { fitEmbed } from './embed-limits.js';
import { createdTimestamp, dashboardUrl, embedColor, inlineCode, safeName, tidyDescription } from './format.js';
import { joinWithin } from './list-fit.js';

export interface SystemCardOptions {
  /** How many members this viewer may count; null or absent = member list not visible, no field. */
  memberCount?: number | null;
  /** The current fronters; null or absent = front not visible. A switch-out (empty) shows nothing, as in PluralKit. */
  fronters?: readonly Member[] | null;
}

/** PluralKit's system card keeps fronters short and points to the fronters command beyond this. */
const FRONTERS_VALUE_MAX = 200;

/** "Name (`id`)", or just the ID when the name is private or unset. Markdown, escaped. */
export function systemLabel(system: Pick<System, 'id' | 'name'>, nameFallback?: string | null): string {
  const name = system.name ?? nameFallback ?? null;
  return name ? `${safeName(name)} (${inlineCode(system.id)})` : inlineCode(system.id);
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
  if (typeof options.memberCount === 'number') fields.push({ name: 'Members', value: String(options.memberCount), inline: true });
  if (system.description) fields.push({ name: 'Description', value: tidyDescription(system.description) });
  return fields;
}

/**
 * A system card modelled on PluralKit's legacy system embed. It shows whatever the system object
 * holds: the caller chooses the view (public or owner) and nulls what this viewer may not see.
 */
export function renderSystemCard(system: System, options: SystemCardOptions = {}): APIEmbed {
  const created = createdTimestamp(system.created);
  return fitEmbed({
    title: system.name ? safeName(system.name) : `System ${system.id}`,
    url: dashboardUrl('s', system.id),
    color: embedColor(system.color),
    ...(system.avatar_url ? { thumbnail: { url: system.avatar_url } } : {}),
    ...(system.banner ? { image: { url: system.banner } } : {}),
    fields: systemFields(system, options),
    footer: { text: created.timestamp ? `System ID: ${system.id} | Created` : `System ID: ${system.id}` },
    ...created,
  });
}
