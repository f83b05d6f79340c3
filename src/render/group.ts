import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Group } from '../pluralkit/models.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { createdTimestamp, dashboardUrl, embedColor, tidyDescription } from './format.js';
import { safeName } from '../text/markdown.js';
import { joinWithin } from '../text/list-fit.js';

export interface GroupCardOptions {
  /** The owning system's name as this viewer may see it; null or absent leaves it out of the heading. */
  systemName?: string | null;
  /** How many members this viewer may count; null or absent = member list not visible, no field. */
  memberCount?: number | null;
  /** The members' names as this viewer may see them (raw); the first 20 are listed under the count. */
  memberNames?: readonly string[] | null;
  /** Whether the group is hidden (visibility private); defaults to what `group.privacy` (owner view) says. */
  hidden?: boolean;
}

/** A group card names this many members; the member list command shows them all. */
export const GROUP_CARD_MEMBER_NAMES = 20;
const MEMBERS_VALUE_MAX = 1000;

function membersField(count: number, names: readonly string[]): APIEmbedField {
  const listed = names.slice(0, GROUP_CARD_MEMBER_NAMES).map(safeName);
  const rest = Math.max(0, count - listed.length);
  const more = (hidden: number) => `*… and ${hidden} more*`;
  const whole = listed.join(', ');
  let value: string;
  if (count === 0) value = '*No members yet.*';
  else if (whole.length + more(rest).length + 2 <= MEMBERS_VALUE_MAX) value = rest > 0 ? `${whole}, ${more(rest)}` : whole;
  else value = joinWithin(listed, ', ', MEMBERS_VALUE_MAX, (hidden) => more(hidden + rest));
  return { name: `Members (${count})`, value };
}

function groupFields(group: Group, options: GroupCardOptions): APIEmbedField[] {
  const { memberCount, memberNames } = options;
  const fields: APIEmbedField[] = [];
  if (group.display_name) fields.push({ name: 'Display Name', value: safeName(group.display_name), inline: true });
  if (group.color) fields.push({ name: 'Color', value: `#${group.color.toLowerCase()}`, inline: true });
  if (memberNames) fields.push(membersField(memberCount ?? memberNames.length, memberNames));
  else if (typeof memberCount === 'number') fields.push({ name: 'Members', value: String(memberCount), inline: true });
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
    fields: groupFields(group, options),
    footer: { text: footerParts.filter((part) => part !== null).join(' | ') },
    ...created,
  });
}
