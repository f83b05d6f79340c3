import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Message } from '../pluralkit/models.js';
import { discordTimestamp } from '../time/format.js';
import { fitEmbeds } from './embed-limits.js';
import { renderMemberCard } from './member.js';
import { systemLabel } from './system.js';
import { safeName } from './format.js';
import { truncate } from './truncate.js';

const EXCERPT_MAX = 300;

/**
 * Message info: the member card (one renderer per entity) and the message
 * facts. The caller passes the public view; this function adds nothing private.
 */
export function renderMessageInfo(
  message: Message,
  options: { excerpt?: string | null; attachmentCount?: number | undefined; jumpUrl?: string | null },
): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  if (message.member) {
    embeds.push(renderMemberCard({ ...message.member, system: message.system?.id ?? message.member.system }, { systemName: message.system?.name ?? null }));
  }
  const fields: APIEmbedField[] = [
    { name: 'System', value: message.system ? systemLabel(message.system) : '*deleted or unknown system*', inline: true },
    { name: 'Member', value: message.member ? `${safeName(message.member.name)} (\`${message.member.id}\`)` : '*deleted member*', inline: true },
    { name: 'Sent by', value: `<@${message.sender}> (\`${message.sender}\`)`, inline: true },
    { name: 'Sent', value: `${discordTimestamp(new Date(message.timestamp), 'f')} (${discordTimestamp(new Date(message.timestamp), 'R')})`, inline: true },
  ];
  if (options.attachmentCount !== undefined && options.attachmentCount > 0) {
    fields.push({ name: 'Attachments', value: String(options.attachmentCount), inline: true });
  }
  if (options.jumpUrl) fields.push({ name: 'Link', value: `[Jump to message](${options.jumpUrl})`, inline: true });
  const excerpt = options.excerpt?.trim();
  embeds.push({
    title: 'Proxied message',
    ...(excerpt ? { description: truncate(excerpt, EXCERPT_MAX).split('\n').map((l) => `> ${l}`).join('\n') } : {}),
    fields,
    footer: { text: `Message ID: ${message.id}${message.original ? ` · Original message ID: ${message.original}` : ''}` },
  });
  return fitEmbeds(embeds);
}
