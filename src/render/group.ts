import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Group } from '../pluralkit/models.js';
import { fitEmbed } from './embed-limits.js';
import { createdTimestamp, dashboardUrl, embedColor, safeName, tidyDescription } from './format.js';

export interface GroupCardOptions {
  /** The owning system's name as this viewer may see it; null or absent leaves it out of the heading. */
  systemName?: string | null;
  /** How many members this viewer may count; null or absent = member list not visible, no field. */
  memberCount?: number | null;
  /** Whether the group is hidden (visibility private); defaults to what `group.privacy` (owner view) says. */
  hidden?: boolean;
}

function groupFields(group: Group, memberCount: number | null | undefined): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (group.display_name) fields.push({ name: 'Display Name', value: safeName(group.display_name), inline: true });
  if (group.color) fields.push({ name: 'Color', value: `#${group.color.toLowerCase()}`, inline: true });
  if (typeof memberCount === 'number') fields.push({ name: 'Members', value: String(memberCount), inline: true });
  if (group.description) fields.push({ name: 'Description', value: tidyDescription(group.description) });
  return fields;
}

/**
 * A group card modelled on PluralKit's legacy group embed. It shows whatever the group object
 * holds: the caller chooses the view (public or owner) and nulls what this viewer may not see.
 */
export function renderGroupCard(group: Group, options: GroupCardOptions = {}): APIEmbed {
  const hidden = options.hidden ?? group.privacy?.visibility === 'private';
  const created = createdTimestamp(group.created);
  const footerParts = [group.system ? `System ID: ${group.system}` : null, `Group ID: ${group.id}`];
  if (created.timestamp) footerParts.push('Created');
  return fitEmbed({
    // Author names are plain text in Discord (no markdown), so the raw name is right here.
    author: {
      name: options.systemName ? `${group.name} (${options.systemName})` : group.name,
      url: dashboardUrl('g', group.id),
      ...(group.icon ? { icon_url: group.icon } : {}),
    },
    color: embedColor(group.color),
    ...(hidden ? { description: '*This group is hidden: it is left out of group lists, but its card can still be opened by ID.*' } : {}),
    ...(group.icon ? { thumbnail: { url: group.icon } } : {}),
    ...(group.banner ? { image: { url: group.banner } } : {}),
    fields: groupFields(group, options.memberCount),
    footer: { text: footerParts.filter((part) => part !== null).join(' | ') },
    ...created,
  });
}
