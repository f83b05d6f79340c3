import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { System } from '../pluralkit/models.js';
import { discordTimestamp } from '../time/format.js';
import { fitEmbed } from './embed-limits.js';
import { embedColor, safeName } from './format.js';

/** "Name (`id`)" or just the ID when the name is private or unset. */
export function systemLabel(system: Pick<System, 'id' | 'name'>): string {
  return system.name ? `${safeName(system.name)} (\`${system.id}\`)` : `\`${system.id}\``;
}

/** A system card modelled on PluralKit's; shows whatever the (already filtered) system holds. */
export function renderSystemCard(system: System, options: { memberCount?: number | null } = {}): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (system.tag) fields.push({ name: 'Tag', value: safeName(system.tag), inline: true });
  if (system.pronouns) fields.push({ name: 'Pronouns', value: safeName(system.pronouns), inline: true });
  if (system.color) fields.push({ name: 'Color', value: `#${system.color}`, inline: true });
  if (typeof options.memberCount === 'number') fields.push({ name: 'Members', value: String(options.memberCount), inline: true });
  if (system.description) fields.push({ name: 'Description', value: system.description });
  return fitEmbed({
    title: system.name ?? `System ${system.id}`,
    color: embedColor(system.color),
    ...(system.avatar_url ? { thumbnail: { url: system.avatar_url } } : {}),
    ...(system.banner ? { image: { url: system.banner } } : {}),
    fields,
    footer: { text: `System ID: ${system.id}` },
    ...(system.created ? { description: `Created ${discordTimestamp(new Date(system.created), 'D')}` } : {}),
  });
}
