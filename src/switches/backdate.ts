import type { SwitchSummary } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/*
 * Where a switch earlier than the latest one lands in the front history: between which two
 * switches. `/switch new at:` asks first with this, since such a switch changes no current front
 * but reshapes durations, stats and "last fronted".
 */

/** A switch with its members named as the owner's list names them. */
export interface NamedSwitch {
  id: string;
  timestamp: string;
  members: Array<{ id: string; name: string | null }>;
}

export interface BackdatedPlace {
  /** The switch it follows (whose fronting it cuts short); null when it becomes the first. */
  before: NamedSwitch | null;
  /** The switch that follows it. */
  after: NamedSwitch;
}

/** Names member IDs from the caller's own list; a member PluralKit no longer has is named null. */
export async function nameSwitch(services: Services, userId: string, auth: OwnSystemAuth, entry: SwitchSummary): Promise<NamedSwitch> {
  const members = await services.directory.ownMembers(userId, auth);
  const byId = new Map(members.map((member) => [member.id, member.name]));
  return { id: entry.id, timestamp: entry.timestamp, members: entry.members.map((id) => ({ id, name: byId.get(id) ?? null })) };
}

/**
 * The switches around `at`, or null when `at` is later than the latest switch (a plain new
 * switch). Reads back from the newest switch only as far as `at`.
 */
export async function backdatedPlace(services: Services, userId: string, auth: OwnSystemAuth, at: Date): Promise<BackdatedPlace | null> {
  let after: SwitchSummary | null = null;
  let before: SwitchSummary | null = null;
  for await (const entry of services.pluralkit.iterateSwitches('@me', { token: auth.token })) {
    if (Date.parse(entry.timestamp) < at.getTime()) {
      before = entry;
      break;
    }
    after = entry;
  }
  if (!after) return null;
  const [namedBefore, namedAfter] = await Promise.all([before ? nameSwitch(services, userId, auth, before) : null, nameSwitch(services, userId, auth, after)]);
  return { before: namedBefore, after: namedAfter };
}

/** What a backdate prompt showed, so the press can tell whether the history around it changed. */
export function placeFingerprint(place: BackdatedPlace | null): string {
  if (!place) return 'latest';
  const one = (entry: NamedSwitch | null) => (entry ? `${entry.id}@${Date.parse(entry.timestamp)}:${entry.members.map((m) => m.id).join(',')}` : 'none');
  return `${one(place.before)}|${one(place.after)}`;
}
