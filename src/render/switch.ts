import type { Member } from '../pluralkit/models.js';
import { when } from '../time/format.js';
import { safeName } from '../text/markdown.js';

/** Bold, escaped names, or a switch-out. */
export function fronterNames(members: readonly Pick<Member, 'name'>[]): string {
  return members.length === 0 ? '*no fronter* (switch-out)' : members.map((member) => `**${safeName(member.name)}**`).join(', ');
}

/** Guard messages name members, not IDs. */
export interface RegisteredSwitchView {
  timestamp: string;
  becameLatest: boolean;
  readBack: boolean;
}

/** The reply to `/switch new|out`: who is fronting now, since when, and where a backdated one went. */
export function registeredSwitchText(members: readonly Pick<Member, 'name'>[], registered: RegisteredSwitchView): string {
  const since = new Date(registered.timestamp);
  const lead =
    members.length === 0
      ? '✅ Switch-out registered.'
      : `✅ Switch registered. Current fronter${members.length === 1 ? ' is' : 's are'} now ${fronterNames(members)}.`;
  const lines = [lead, `From ${when(since)}.`];
  if (!registered.becameLatest) {
    lines.push('📝 It is earlier than your latest switch, so it was added to your front history and the current fronters did not change.');
  }
  if (registered.readBack) lines.push('📝 PluralKit was slow to answer; I checked your front history and the switch is saved.');
  return lines.join('\n');
}
