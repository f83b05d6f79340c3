import type { APIEmbed } from 'discord-api-types/v10';
import type { Member, MemberGuildSettings } from '../pluralkit/models.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { safeName } from '../text/markdown.js';

/** A member's settings in one server; unset values say what applies instead. */
export function renderMemberGuildSettings(member: Member, settings: MemberGuildSettings): APIEmbed {
  const keepProxy = settings.keep_proxy === null ? `*not set: uses the member's setting (${member.keep_proxy ? 'on' : 'off'})*` : settings.keep_proxy ? 'on' : 'off';
  return fitEmbed({
    title: `${safeName(member.name)} in this server`,
    color: embedColor(member.color),
    ...(settings.avatar_url ? { thumbnail: { url: settings.avatar_url } } : {}),
    fields: [
      { name: 'Display name', value: settings.display_name ? safeName(settings.display_name) : '*not set: uses the member’s display name or name*' },
      { name: 'Avatar', value: settings.avatar_url ?? '*not set: uses the member’s avatar*' },
      { name: 'Keep proxy', value: keepProxy },
    ],
    footer: { text: `Member ID: ${member.id} · change with /member server edit` },
  });
}
