/*
 * Every refusal code domain code may raise, with the data its wording needs. Add a code here and
 * its wording in src/render/refusals.ts; names are `<area>.<what>`. Codes whose data is a domain
 * type are declared beside that domain by augmenting `RefusalData` (see src/fronts/refusals.ts),
 * so this file imports nothing; the wording catalogue still has to cover them all.
 */

/** What a confirmed change re-read and found different from its prompt. */
export type ChangedSubject =
  | { kind: 'member' | 'group' }
  | { kind: 'named'; name: string }
  | { kind: 'membership'; of: 'members' | 'groups'; name: string }
  | { kind: 'switch' | 'latest-switch' | 'system' | 'server-settings' | 'front-history' };

/** Members named in a switch refusal: by short ID, with their names when the caller knows them. */
export interface SwitchMembersData {
  memberIds: string[];
  names: Readonly<Record<string, string>> | null;
}

/** Why an `at` value could not be read (src/time/parse-at.ts). */
export type AtProblemCode = 'too-long' | 'empty' | 'over-a-century-ago' | 'not-a-real-date-and-time' | 'not-placeable' | 'unreadable' | 'not-a-real-date';

/** Why a message link or ID could not be read (src/messages/parse-link.ts). */
export type MessageReferenceProblem =
  | 'empty'
  | 'invalid-id'
  | 'invite'
  | 'not-discord'
  | 'not-a-link'
  | 'not-a-message-link'
  | 'channel-link'
  | 'bad-server-id'
  | 'bad-channel-id'
  | 'bad-message-id';

/** Which `/stats` option a refusal is about. */
export type StatsRangeOption = 'range' | 'until';

export interface RefusalData {
  /** A history page past those seen so far (a forged button). */
  'history.page-unavailable': Record<never, never>;
  /** The system has no switch to edit, move or delete. */
  'switch.none-yet': Record<never, never>;
  /** The switch a prompt is about was deleted since the prompt. */
  'switch.deleted-since': Record<never, never>;
  /** The caller has no stored token, and the command changes their system or shows its private view. */
  'token.needed': { purpose: 'change' | 'show' };
  /** `private: True` on a system read that is not the caller's connected system (`connected`: they have a token at all). */
  'read.private-not-yours': { connected: boolean; of?: 'members' | 'groups' };
  /** Both `user` and `system` given to a read. */
  'read.user-and-system': Record<never, never>;
  /** A `system` option that is no system ID (`input` as typed). */
  'read.not-a-system-id': { input: string };
  /** A name looked up without a connected system: only IDs reach other systems. */
  'entity.names-need-own-system': { kind: 'member' | 'group' };
  /** An ID that is not in the caller's own list when changing it: `miss` is the lookup's own words. */
  'entity.not-own': { kind: 'member' | 'group'; id: string; miss: string };
  /** A read of the caller's own system without a token, and PluralKit links no system to their Discord account. */
  'system.not-linked': Record<never, never>;
  /** An edit given a value for an option and `clear` for the same option. */
  'edit.value-and-clear': { option: string };
  'switch.repeated-members': SwitchMembersData;
  'switch.too-many-members': { count: number; max: number };
  /** The members (or nobody, for a switch-out) are already fronting, in that order. */
  'switch.already-fronting': SwitchMembersData;
  /** `/switch add` with members who are fronting already. */
  'switch.already-in-front': SwitchMembersData;
  /** `/switch remove` with members who are not fronting. */
  'switch.not-in-front': SwitchMembersData;
  'switch.time-unusable': Record<never, never>;
  'switch.time-in-future': { at: Date };
  'switch.before-system-created': { at: Date; created: Date };
  'switch.before-pluralkit': { at: Date; earliest: Date };
  /** A move to or past the switch before the one moved. */
  'switch.not-after-previous': { at: Date; previous: Date };
  /** PluralKit keeps one switch per instant. */
  'switch.time-taken': { latest: Date };
  /** `/autoproxy set mode:member` without a member. */
  'autoproxy.member-needed': Record<never, never>;
  /** A member given with a mode that takes none. */
  'autoproxy.member-not-allowed': { mode: 'off' | 'front' };
  /** The member to autoproxy as is not one of the caller's own; `lookup` is why the lookup failed, when known. */
  'autoproxy.not-own-member': { ref: string | null; lookup?: Error };
  /** PluralKit keeps no settings for the system in this server yet (20009). */
  'system.no-server-settings-yet': Record<never, never>;
  /** A confirmed change found the thing it changes different from what the prompt showed. */
  'prompt.changed-since': { subject: ChangedSubject };
  /** A /stats `range` or `until` that is none of the accepted forms (read in `zone`). */
  'stats.range-unreadable': { input: string; option: StatsRangeOption; zone: string; zoneFellBack: boolean };
  /** A /stats `range` start or `until` after now. */
  'stats.range-in-future': { input: string; option: StatsRangeOption };
  /** A /stats range that does not start before its end (now, or `until`). */
  'stats.range-empty': { range: string; until: string | null };
  /** A /stats range reaching back further than `years`. */
  'stats.range-too-far': { input: string; years: number };
  /** A write whose answer was lost, checked until it could no longer appear: it never did. */
  'write.not-saved': { minutes: number };
  /** A write whose answer was lost and which PluralKit could not be asked about. */
  'write.outcome-unknown': { checkWith: string };
  /** A write still unconfirmed when its reply can no longer be edited: the outcome follows by DM. */
  'write.outcome-by-dm': { checkWith: string };
  /** The token key was rotated while this process ran and it cannot follow: the stored token is kept. */
  'token.key-rotated': { action: 'read' | 'store' };
  /** The caller's stored token does not decrypt (damaged); it is kept until they replace or remove it. */
  'token.unreadable': Record<string, never>;
  /** What `/token set` was given does not look like a PluralKit token. */
  'token.not-a-token': Record<never, never>;
  /** The token could not be checked with PluralKit, so it was not stored: why. */
  'token.not-checked': { reason: 'rejected' | 'timeout' | 'unreachable' | 'unknown' } | { reason: 'rate-limited'; retryAfterSeconds: number };
  /** The owner's stored token is gone (or for another system) when a later page of private stats is asked for. */
  'stats.owner-token-gone': Record<never, never>;
  /** A /stats group of another system given by name: only IDs reach across systems. */
  'stats.group-by-id-only': Record<never, never>;
  /** A /stats group that belongs to another system than the one looked at. */
  'stats.group-of-another-system': Record<never, never>;
  /** An ID-shaped name missing from the caller's own list (`ownMiss`, the lookup's own words) and unknown to PluralKit too. */
  'entity.unknown-anywhere': { kind: 'member' | 'group'; ref: string; ownMiss: string | null };
  /** Creating a member or group past the system's limit (`limit` when the settings could be read). */
  'entity.limit-reached': { kind: 'member' | 'group'; limit: number | undefined };
  /** The member or group a prompt is about was deleted since the prompt. */
  'entity.deleted-since': { kind: 'member' | 'group' };
  /** PluralKit keeps no settings for this member in this server yet (20010, or 20009). */
  'member.no-server-settings-yet': { name: string };
  /** `remove_proxy` names a tag the member does not have; `current` are its tags as templates. */
  'proxy.no-such-tag': { tag: string; current: string[] };
  /** `add_proxy` names a tag the member already has. */
  'proxy.tag-exists': { tag: string };
  /** `add_proxy` past PluralKit's tag limit. */
  'proxy.too-many-tags': { count: number; max: number };
  /** An `at` time that could not be read, in `zone` (UTC when the system's zone is unknown: `zoneFellBack`). */
  'at.unreadable': { input: string; problem: AtProblemCode; zone: string; zoneFellBack: boolean };
  /** A page of a list past its end: the list is shorter now than when it was shown. */
  'list.page-gone': { usage: string };
  /** A privacy `level` without the `subject` it is for; `every` is the choice that means all subjects. */
  'privacy.subject-needed': { level: string; every: string };
  /** An edit given nothing to change: `options` are what it takes; `viewWith` shows the current values. */
  'edit.nothing-given': { options: string[]; viewWith?: string };
  /** `proxy` (replace every tag) together with `add_proxy`/`remove_proxy` (change one). */
  'proxy.replace-and-change': Record<never, never>;
  /** A /stats range with no front history in it; `drawing` is what would have been made. */
  'stats.nothing-in-range': { range: string; drawing: 'chart' | 'timeline' };
  /** A modal submitted without the field the command asked for (a forged or stale form). */
  'form.field-missing': { command: string; field: string };
  /** A message link or ID that cannot be read; `input` for an invalid bare ID. */
  'message.unreadable-reference': { problem: MessageReferenceProblem; input: string };
  /** PluralKit has no record of that message; `sent` from its ID. */
  'message.not-found': { sent: Date };
}
