import type { APIEmbed } from 'discord.js';
import type { Switch } from '../pluralkit/models.js';
import { discordTimestamp } from '../time/format.js';
import { fitEmbed } from './embed-limits.js';
import { embedColor, safeName } from './format.js';

/** Names stop here, like PluralKit's ~900-character cut, with "(N not shown)". */
const NAMES_BUDGET = 900;

/** Current fronters, modelled on PluralKit's embed with Discord timestamps. null = no switches (HTTP 204). */
export function renderFronters(fronters: Switch | null, options: { now: Date; systemLabel?: string }): APIEmbed {
  const title = options.systemLabel ? `Fronters of ${options.systemLabel}` : undefined;
  if (!fronters) {
    return fitEmbed({ ...(title ? { title } : {}), description: 'This system has no registered switches yet.' });
  }
  const members = fronters.members;
  const entries = members.map((m) => `**${safeName(m.name)}**${m.pronouns ? ` (${safeName(m.pronouns)})` : ''}`);
  let value = '';
  let shown = 0;
  for (const entry of entries) {
    const next = value ? `${value}, ${entry}` : entry;
    if (next.length > NAMES_BUDGET) break;
    value = next;
    shown++;
  }
  if (shown < entries.length) value += ` *(${entries.length - shown} not shown)*`;
  const since = new Date(fronters.timestamp);
  const first = members[0];
  const avatar = first?.avatar_url ?? first?.webhook_avatar_url ?? null;
  return fitEmbed({
    ...(title ? { title } : {}),
    color: embedColor(first?.color),
    ...(avatar ? { thumbnail: { url: avatar } } : {}),
    fields: [
      { name: members.length === 1 ? 'Current fronter' : 'Current fronters', value: members.length === 0 ? '*(no fronter)*' : value },
      { name: 'Since', value: `${discordTimestamp(since, 'f')} (${discordTimestamp(since, 'R')})` },
    ],
  });
}
