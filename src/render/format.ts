import type { APIEmbed } from 'discord-api-types/v10';
import { inlineCode, safeName } from '../text/markdown.js';
import { parseTime } from '../time/format.js';

/** 6-hex colour → embed colour integer; anything else → no colour. */
export function embedColor(hex: string | null | undefined): number | undefined {
  return hex && /^[0-9a-fA-F]{6}$/.test(hex) ? parseInt(hex, 16) : undefined;
}


/** PluralKit descriptions: spaces before line breaks are noise (PK strips them too). */
export function tidyDescription(description: string): string {
  return description.replace(/[ \t]+\n/g, '\n').trim();
}

const DASHBOARD = 'https://dash.pluralkit.me/profile';

/** The public PluralKit dashboard page of a system (s), member (m) or group (g). */
export function dashboardUrl(kind: 's' | 'm' | 'g', id: string): string {
  return `${DASHBOARD}/${kind}/${encodeURIComponent(id)}`;
}

/** `created` as an embed timestamp, which Discord shows beside the footer in the reader's zone. */
export function createdTimestamp(created: string | null | undefined): Pick<APIEmbed, 'timestamp'> {
  const date = parseTime(created);
  return date ? { timestamp: date.toISOString() } : {};
}

/** `**Name** (`id`)`: how replies name a member or group. */
export function namedWithId(entity: { name: string; id: string }): string {
  return `**${safeName(entity.name)}** (${inlineCode(entity.id)})`;
}
