import type { Member } from '../pluralkit/models.js';
import { when } from '../time/format.js';
import { safeName } from '../text/markdown.js';
import type { BackdatedPlace, NamedSwitch } from '../switches/backdate.js';

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

const READ_BACK_NOTE = '📝 PluralKit was slow to answer; I checked your front history and the switch is saved.';

/** A switch typed with near misses: what was not found, and the one-click switch it probably meant. */
export function didYouMeanPromptText(problems: string, meant: readonly Pick<Member, 'name'>[]): string {
  return `${problems}\n\nPress **Yes, use them** to switch with ${fronterNames(meant)}.`;
}

/** The reply to `/switch add|remove`: who joined or left, and who fronts now. */
export function changedFrontText(change: 'add' | 'remove', given: readonly Pick<Member, 'name'>[], members: readonly Pick<Member, 'name'>[], registered: RegisteredSwitchView): string {
  const moved = `${fronterNames(given)} ${change === 'add' ? 'joined' : 'left'} the front.`;
  const lines = [`✅ ${moved} ${currentFrontersLine(members)}`, `From ${when(new Date(registered.timestamp))}.`];
  if (registered.readBack) lines.push(READ_BACK_NOTE);
  return lines.join('\n');
}

/** "Current fronter is now **Alice**." */
function currentFrontersLine(members: readonly Pick<Member, 'name'>[]): string {
  return members.length === 0 ? 'Nobody is fronting now (a switch-out).' : `Current fronter${members.length === 1 ? ' is' : 's are'} now ${fronterNames(members)}.`;
}

/** A switch's members as the owner's list names them (a member PluralKit no longer has, by ID). */
function namedSwitchText(entry: NamedSwitch): string {
  const names = entry.members.map((member) => member.name ?? `deleted member (${member.id})`);
  return `${fronterNames(names.map((name) => ({ name })))} (${when(new Date(entry.timestamp))})`;
}

/** The prompt before a switch earlier than the latest: where it lands and what it changes. */
export function backdatePromptText(members: readonly Pick<Member, 'name'>[], at: Date, place: BackdatedPlace): string {
  const between = place.before
    ? `between ${namedSwitchText(place.before)} and ${namedSwitchText(place.after)}`
    : `before ${namedSwitchText(place.after)}, as your first switch`;
  return [
    `⚠️ ${when(at)} is earlier than your latest switch, so this does not change who is fronting now.`,
    `It adds ${fronterNames(members)} to your front history ${between}${place.before ? ', cutting the earlier one short' : ''}: durations, \`/stats\` and "last fronted" change with it.`,
    'Add it?',
  ].join('\n');
}

/** The reply to `/switch new|out`: who is fronting now, since when, or where a backdated one went. */
export function registeredSwitchText(members: readonly Pick<Member, 'name'>[], registered: RegisteredSwitchView): string {
  const since = new Date(registered.timestamp);
  const lead = !registered.becameLatest
    ? `✅ Added to your front history: ${fronterNames(members)} from ${when(since)}. It is earlier than your latest switch, so who is fronting now did not change.`
    : members.length === 0
      ? '✅ Switch-out registered.'
      : `✅ Switch registered. ${currentFrontersLine(members)}`;
  const lines = registered.becameLatest ? [lead, `From ${when(since)}.`] : [lead];
  if (registered.readBack) lines.push(READ_BACK_NOTE);
  return lines.join('\n');
}
