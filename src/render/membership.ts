import { DiscordLimits } from '../core/discord-limits.js';
import { safeName } from '../text/markdown.js';
import { joinWithin } from '../text/list-fit.js';
import { truncate } from '../text/truncate.js';
import { namedWithId } from './format.js';

/*
 * What a membership change did, from either side: "**Alice** is now in 2 groups: …" or
 * "**Friends** now has 3 members: …", with what was added or removed and what already was.
 */

interface Named {
  uuid: string;
  name: string;
}

export interface MembershipChange {
  /** "member" when a member's groups changed, "group" when a group's members did. */
  side: 'member' | 'group';
  subject: Pick<Named, 'name'>;
  before: readonly Named[];
  after: readonly Named[];
  /** What the user asked to add or remove, to say which of them changed nothing. */
  requested?: { op: 'add' | 'remove'; entities: readonly Named[] };
}

const NAMES_MAX = 600;

export function nameList(entities: readonly Pick<Named, 'name'>[]): string {
  return joinWithin(
    entities.map((entity) => `**${safeName(truncate(entity.name, 60))}**`),
    ', ',
    NAMES_MAX,
    (hidden) => `*+${hidden} more*`,
  );
}

function summary(change: MembershipChange): string {
  const subject = `**${safeName(change.subject.name)}**`;
  const count = change.after.length;
  if (change.side === 'member') return count === 0 ? `${subject} is in no groups now.` : `${subject} is now in ${count} group${count === 1 ? '' : 's'}: ${nameList(change.after)}.`;
  return count === 0 ? `${subject} has no members now.` : `${subject} now has ${count} member${count === 1 ? '' : 's'}: ${nameList(change.after)}.`;
}

export function renderMembershipChange(change: MembershipChange): string {
  const beforeIds = new Set(change.before.map((entity) => entity.uuid));
  const afterIds = new Set(change.after.map((entity) => entity.uuid));
  const added = change.after.filter((entity) => !beforeIds.has(entity.uuid));
  const removed = change.before.filter((entity) => !afterIds.has(entity.uuid));
  const lines = [added.length + removed.length === 0 ? `Nothing changed. ${summary(change)}` : `✅ ${summary(change)}`];
  if (added.length > 0) lines.push(`**Added:** ${nameList(added)}`);
  if (removed.length > 0) lines.push(`**Removed:** ${nameList(removed)}`);
  const requested = change.requested;
  if (requested) {
    const unchanged = requested.entities.filter((entity) => (requested.op === 'add' ? beforeIds.has(entity.uuid) : !beforeIds.has(entity.uuid)));
    if (unchanged.length > 0) lines.push(`${requested.op === 'add' ? '**Already in:**' : '**Was not in:**'} ${nameList(unchanged)}`);
  }
  return truncate(lines.join('\n'), DiscordLimits.messageContent - 100);
}

/** The question before a `set` or `clear` that removes some: now, after, and what goes. */
export function renderMembershipSetPrompt(plural: 'members' | 'groups', subject: { name: string; id: string }, before: readonly Named[], wanted: readonly Named[]): string {
  const wantedIds = new Set(wanted.map((entry) => entry.uuid));
  const removed = before.filter((entry) => !wantedIds.has(entry.uuid));
  const after = wanted.length === 0 ? `*no ${plural}*` : nameList(wanted);
  return [`⚠️ Change the ${plural} of ${namedWithId(subject)}?`, `**Now:** ${nameList(before)}`, `**After:** ${after}`, `**Removed:** ${nameList(removed)}`].join('\n');
}

export function renderNothingToClear(plural: 'members' | 'groups', subject: { name: string; id: string }): string {
  return `${namedWithId(subject)} has no ${plural}: nothing to clear.`;
}
