import type { APIEmbed } from 'discord-api-types/v10';
import type { AutoproxySettings, Member } from '../pluralkit/models.js';
import { discordTimestamp, parseTime } from '../time/format.js';
import type { ChangeRow } from '../core/change-row.js';
import { embedColor } from './format.js';
import { inlineCode, safeName } from '../text/markdown.js';

/** `**Alice** (`abcdef`)`, or the bare ID of a member not in the list (deleted since). */
export function autoproxyMemberName(id: string | null, members: readonly Member[]): string | null {
  if (id === null) return null;
  const member = members.find((entry) => entry.id === id);
  return member ? `${safeName(member.name)} (${inlineCode(member.id)})` : inlineCode(id);
}

function explain(settings: AutoproxySettings, member: string | null): string {
  switch (settings.autoproxy_mode) {
    case 'off':
      return 'Autoproxy is **off**: only messages with proxy tags are proxied.';
    case 'front':
      return 'Autoproxy is set to **front**: messages without proxy tags are proxied as your first current fronter.';
    case 'latch':
      return member
        ? `Autoproxy is set to **latch**: messages without proxy tags are proxied as the last member you proxied as, now ${member}.`
        : 'Autoproxy is set to **latch**: messages without proxy tags are proxied as the last member you proxied as (nobody yet).';
    case 'member':
      return `Autoproxy is set to **member**: every message without proxy tags is proxied as ${member ?? '*an unknown member*'}.`;
  }
}

/** The mode, its member and the last latch, as PluralKit's autoproxy status explains them. */
export function renderAutoproxyStatus(settings: AutoproxySettings, members: readonly Member[], color: string | null = null): APIEmbed {
  const name = autoproxyMemberName(settings.autoproxy_member, members);
  const lines = [explain(settings, name)];
  const latched = parseTime(settings.last_latch_timestamp);
  if (settings.autoproxy_mode === 'latch' && latched) lines.push(`Last latched ${discordTimestamp(latched, 'R')}.`);
  const warning = autoproxyWarning(settings, members);
  if (warning) lines.push(warning);
  return { title: 'Autoproxy in this server', color: embedColor(color), description: lines.join('\n'), footer: { text: 'Change with /autoproxy set mode: [member:]' } };
}

/** PluralKit skips a member whose own autoproxy switch is off (`pk;m <name> autoproxy off`). */
export function autoproxyWarning(settings: AutoproxySettings, members: readonly Member[]): string | null {
  const member = members.find((entry) => entry.id === settings.autoproxy_member);
  if (!member || member.autoproxy_enabled !== false || settings.autoproxy_mode === 'off') return null;
  return `⚠️ ${safeName(member.name)} has autoproxy turned off for themselves, so PluralKit will not autoproxy as them (\`pk;m ${member.id} autoproxy on\`).`;
}

/** Before → after rows of an autoproxy change (plain text: the change renderer escapes it). */
export function autoproxyRows(before: AutoproxySettings, after: AutoproxySettings, members: readonly Member[]): ChangeRow[] {
  const plain = (id: string | null): string | null => {
    const member = id === null ? undefined : members.find((entry) => entry.id === id);
    return member ? `${member.name} (${member.id})` : id;
  };
  return [
    { label: 'Mode', before: before.autoproxy_mode, after: after.autoproxy_mode },
    { label: 'Member', before: plain(before.autoproxy_member), after: plain(after.autoproxy_member) },
  ];
}
