import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import type { Group, Member } from '../pluralkit/models.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { createdTimestamp, dashboardUrl, embedColor, tidyDescription } from './format.js';
import { discordTimestamp, formatBirthday, formatDuration, when } from '../time/format.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { joinWithin } from '../text/list-fit.js';
import type { LastFrontedView } from '../stats/types.js';

export interface MemberCardOptions {
  /** The owning system's name as this viewer may see it; null or absent leaves it out of the heading. */
  systemName?: string | null;
  /** The member's groups this viewer may see; null or absent = not visible, so no Groups field. */
  groups?: readonly Group[] | null;
  /**
   * Whether the member is hidden (visibility private). PluralKit tells anyone who opens a hidden
   * member's card; a public view carries no privacy object, so the caller says so here. Defaults
   * to what `member.privacy` (owner view) says.
   */
  hidden?: boolean;
  /** When the member last fronted, as this viewer may know it; null or absent: no line. */
  lastFronted?: LastFrontedView | null;
}

/** PluralKit lists up to this many groups one per line with their IDs, more as a comma list. */
const GROUP_LINES_MAX = 5;
const GROUPS_VALUE_MAX = 1000;

/** The name a member goes by: display name when set, else the name. Raw text, not escaped. */
export function memberDisplayName(member: Pick<Member, 'name' | 'display_name'>): string {
  return member.display_name ?? member.name;
}

/** One code-formatted `prefix` + `text` + `suffix` per proxy tag, as PluralKit shows them. */
export function proxyTagLines(member: Pick<Member, 'proxy_tags'>): string[] {
  return member.proxy_tags.map((tag) => inlineCode(`${tag.prefix ?? ''}text${tag.suffix ?? ''}`));
}

function groupsField(groups: readonly Group[]): APIEmbedField {
  const sorted = [...groups].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const value =
    sorted.length <= GROUP_LINES_MAX
      ? sorted.map((group) => `[${inlineCode(group.id)}] **${safeName(group.name)}**`).join('\n')
      : joinWithin(
          sorted.map((group) => safeName(group.name)),
          ', ',
          GROUPS_VALUE_MAX,
          (hidden) => `*(${hidden} more)*`,
        );
  return { name: `Groups (${sorted.length})`, value };
}

/** "Fronting now (since …)", or when and for how long; PluralKit has no such line (its issue #36). */
function lastFrontedField(view: LastFrontedView): APIEmbedField {
  if (view.kind === 'not-recently') return { name: 'Last fronted', value: `Not in the last ${view.days} days`, inline: true };
  const { fronted } = view;
  const start = new Date(fronted.start);
  const since = fronted.startMayBeEarlier ? 'at least since' : 'since';
  const value =
    fronted.end === null
      ? `Fronting now (${since} ${discordTimestamp(start, 'R')})`
      : `${when(start)}, for ${fronted.startMayBeEarlier ? 'at least ' : ''}${formatDuration(fronted.durationMs)}`;
  return { name: 'Last fronted', value, inline: true };
}

function memberFields(member: Member, groups: readonly Group[] | null | undefined, lastFronted: LastFrontedView | null | undefined): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (member.display_name) fields.push({ name: 'Display Name', value: safeName(member.display_name), inline: true });
  if (member.pronouns) fields.push({ name: 'Pronouns', value: safeName(member.pronouns), inline: true });
  if (member.birthday) fields.push({ name: 'Birthday', value: formatBirthday(member.birthday), inline: true });
  if (lastFronted) fields.push(lastFrontedField(lastFronted));
  if (member.message_count !== null && member.message_count > 0) {
    fields.push({ name: 'Message Count', value: String(member.message_count), inline: true });
  }
  const tags = proxyTagLines(member);
  if (tags.length > 0) {
    const value = joinWithin(tags, '\n', DiscordLimits.embedFieldValue, (hidden) => `*(${hidden} more)*`);
    fields.push({ name: 'Proxy Tags', value, inline: true });
  }
  if (member.color) fields.push({ name: 'Color', value: `#${member.color.toLowerCase()}`, inline: true });
  if (groups && groups.length > 0) fields.push(groupsField(groups));
  if (member.description) fields.push({ name: 'Description', value: tidyDescription(member.description) });
  return fields;
}

/**
 * A member card modelled on PluralKit's legacy member embed. It shows whatever the member object
 * holds: the caller chooses the view (public or owner) and nulls what this viewer may not see.
 */
export function renderMemberCard(member: Member, options: MemberCardOptions = {}): APIEmbed {
  const hidden = options.hidden ?? member.privacy?.visibility === 'private';
  const footerParts = [member.system ? `System ID: ${member.system}` : null, `Member ID: ${member.id}`];
  const created = createdTimestamp(member.created);
  if (created.timestamp) footerParts.push('Created');
  const thumbnail = member.avatar_url ?? member.webhook_avatar_url;
  const icon = member.webhook_avatar_url ?? member.avatar_url;

  return fitEmbed({
    // Author names are plain text in Discord (no markdown), so the raw name is right here.
    author: {
      name: options.systemName ? `${member.name} (${options.systemName})` : member.name,
      url: dashboardUrl('m', member.id),
      ...(icon ? { icon_url: icon } : {}),
    },
    color: embedColor(member.color),
    ...(hidden ? { description: '*This member is hidden: it is left out of member lists, but its card can still be opened by ID.*' } : {}),
    ...(thumbnail ? { thumbnail: { url: thumbnail } } : {}),
    ...(member.banner ? { image: { url: member.banner } } : {}),
    fields: memberFields(member, options.groups, options.lastFronted),
    // The embed timestamp shows beside the footer in each reader's own time zone.
    footer: { text: footerParts.filter((part) => part !== null).join(' | ') },
    ...created,
  });
}
