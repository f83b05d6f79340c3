import type { APIEmbed } from 'discord-api-types/v10';
import type { Member, Switch } from '../pluralkit/models.js';
import { parseTime, when } from '../time/format.js';
import { fitEmbed } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { safeName } from '../text/markdown.js';
import { placeHeading } from './heading.js';
import { joinWithin } from '../text/list-fit.js';

export interface FrontersOptions {
  /** Accepted for callers' convenience; relative times are rendered by Discord itself (`<t:…:R>`). */
  now?: Date;
  /** Markdown naming the system (e.g. "your system", "system `abcde`"); titles the embed when given. */
  systemLabel?: string;
}

/** Like PluralKit's: names stop at about 900 characters and the rest are counted. */
const NAMES_MAX = 900;

export const NO_SWITCHES_TEXT = 'This system has no registered switches yet.';

function fronterEntry(member: Member): string {
  return member.pronouns ? `${safeName(member.name)} (${safeName(member.pronouns)})` : safeName(member.name);
}

function sinceValue(timestamp: string): string {
  const since = parseTime(timestamp);
  return since ? when(since) : 'unknown';
}

/**
 * The current fronters, modelled on PluralKit's fronter embed, with Discord timestamps, the first
 * fronter's colour and avatar. `fronters` null means the system has no switches at all (HTTP 204).
 */
export function renderFronters(fronters: Switch | null, options: FrontersOptions = {}): APIEmbed {
  const heading = options.systemLabel ? `Fronters of ${options.systemLabel}` : undefined;
  if (!fronters) {
    return fitEmbed(heading ? placeHeading(heading, NO_SWITCHES_TEXT) : { description: NO_SWITCHES_TEXT });
  }
  const members = fronters.members;
  const first = members[0];
  const avatar = first?.avatar_url ?? first?.webhook_avatar_url ?? null;
  const names =
    members.length === 0
      ? '*(no fronter)*'
      : joinWithin(members.map(fronterEntry), ', ', NAMES_MAX, (hidden) => `*(${hidden} not shown)*`);
  return fitEmbed({
    ...(heading ? placeHeading(heading) : {}),
    color: embedColor(first?.color),
    ...(avatar ? { thumbnail: { url: avatar } } : {}),
    fields: [
      // PluralKit pluralises by count, and zero counts as plural.
      { name: members.length === 1 ? 'Current fronter' : 'Current fronters', value: names },
      { name: 'Since', value: sinceValue(fronters.timestamp) },
    ],
  });
}
