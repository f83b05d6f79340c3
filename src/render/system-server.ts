import type { APIEmbed } from 'discord-api-types/v10';
import type { SystemGuildSettings } from '../pluralkit/models.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { inlineCode, safeName } from '../text/markdown.js';

/** PluralKit keeps per-server settings only once the system has used PluralKit in that server (404 20009). */
const onOff = (value: boolean): string => (value ? 'on' : 'off');
const orFallback = (value: string | null, fallback: string): string => (value === null ? `*${fallback}*` : safeName(value));

/** This server's settings of the caller's system, each with what applies when it is not set. */
export function renderServerSettings(settings: SystemGuildSettings): APIEmbed {
  return fitEmbed({
    title: 'Your system in this server',
    fields: [
      { name: 'Proxying', value: onOff(settings.proxying_enabled), inline: true },
      { name: 'Tag shown', value: onOff(settings.tag_enabled), inline: true },
      { name: 'Server tag', value: orFallback(settings.tag, 'not set: your system tag is used'), inline: true },
      { name: 'Server name', value: orFallback(settings.display_name, 'not set: your system name is used'), inline: true },
      { name: 'Server avatar', value: orFallback(settings.avatar_url, 'not set: your system avatar is used'), inline: true },
      { name: 'Name format', value: settings.name_format === null ? '*not set: your system name format is used*' : inlineCode(settings.name_format), inline: true },
    ],
    ...(settings.avatar_url ? { thumbnail: { url: settings.avatar_url } } : {}),
    footer: { text: 'Change with /system server edit; clear one with its clear option.' },
  });
}
