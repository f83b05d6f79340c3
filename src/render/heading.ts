import type { APIEmbed } from 'discord-api-types/v10';

/** Discord shows mentions, channels and timestamps raw in embed titles; descriptions render them. */
const RENDERS_ONLY_IN_BODY = /<(?:@[!&]?|#|t:)[^>]*>/;

/** Whether a heading reads correctly as an embed title. */
export function headingFitsTitle(heading: string): boolean {
  return !RENDERS_ONLY_IN_BODY.test(heading);
}

/** How much of the description a heading takes when `placeHeading` puts it there. */
export function headingBodyCost(heading: string): number {
  return headingFitsTitle(heading) ? 0 : `**${heading}**\n\n`.length;
}

/**
 * Where a heading (markdown, built by the caller) goes: the embed title, or the bold first
 * description line when it holds a mention that a title would show as `<@123…>`.
 */
export function placeHeading(heading: string, body?: string): Pick<APIEmbed, 'title' | 'description'> {
  if (headingFitsTitle(heading)) return { title: heading, ...(body ? { description: body } : {}) };
  return { description: body ? `**${heading}**\n\n${body}` : `**${heading}**` };
}
