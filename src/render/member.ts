import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Group, Member } from '../pluralkit/models.js';
import { discordTimestamp } from '../time/format.js';
import { fitEmbed } from './embed-limits.js';
import { embedColor, formatBirthday, safeName } from './format.js';
import { truncate } from './truncate.js';

export interface MemberCardOptions {
  systemName?: string | null;
  /** null: the groups are not visible to this viewer. */
  groups?: readonly Group[] | null;
}

export function proxyTagLines(member: Pick<Member, 'proxy_tags'>): string[] {
  return member.proxy_tags.map((tag) => `\`${tag.prefix ?? ''}text${tag.suffix ?? ''}\``);
}

/**
 * A member card modelled on PluralKit's: whatever the member object holds is
 * shown, so the caller decides the view (public or owner) before rendering.
 */
export function renderMemberCard(member: Member, options: MemberCardOptions = {}): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (member.display_name) fields.push({ name: 'Display Name', value: safeName(member.display_name), inline: true });
  if (member.pronouns) fields.push({ name: 'Pronouns', value: safeName(member.pronouns), inline: true });
  if (member.birthday) fields.push({ name: 'Birthday', value: formatBirthday(member.birthday), inline: true });
  if (member.message_count) fields.push({ name: 'Message Count', value: String(member.message_count), inline: true });
  if (member.color) fields.push({ name: 'Color', value: `#${member.color}`, inline: true });
  const tags = proxyTagLines(member);
  if (tags.length > 0) fields.push({ name: 'Proxy Tags', value: truncate(tags.join('\n'), 1024), inline: true });
  if (options.groups && options.groups.length > 0) {
    const groups = [...options.groups].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    const value = groups.length <= 5 ? groups.map((g) => `[\`${g.id}\`] **${safeName(g.name)}**`).join('\n') : groups.map((g) => safeName(g.name)).join(', ');
    fields.push({ name: `Groups (${groups.length})`, value: truncate(value, 1000) });
  }
  if (member.description) fields.push({ name: 'Description', value: member.description });

  const notes: string[] = [];
  if (member.privacy?.visibility === 'private') notes.push('*(this member is hidden)*');
  const footer = [member.system ? `System ID: ${member.system}` : null, `Member ID: ${member.id}`].filter(Boolean).join(' | ');
  const created = member.created ? `Created ${discordTimestamp(new Date(member.created), 'D')}` : null;
  const author = options.systemName ? `${member.name} (${options.systemName})` : member.name;

  return fitEmbed({
    author: { name: author, ...(member.avatar_url ? { icon_url: member.avatar_url } : {}) },
    color: embedColor(member.color),
    ...(notes.length > 0 || created ? { description: [...notes, created].filter(Boolean).join('\n') } : {}),
    ...(member.avatar_url ? { thumbnail: { url: member.avatar_url } } : {}),
    ...(member.banner ? { image: { url: member.banner } } : {}),
    fields,
    footer: { text: footer },
  });
}
