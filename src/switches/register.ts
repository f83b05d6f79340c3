import { Refusal } from '../core/refusal.js';
import { PkErrorCode, hasCode } from '../pluralkit/errors.js';
import type { Member } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import { switchesChanged } from './changed.js';
import { earliestSwitchTime } from './earliest.js';
import { checkSwitchMembers, checkSwitchTime } from './guards.js';

export interface RegisteredSwitch {
  id: string;
  timestamp: string;
  /** False when a backdated switch went into the history behind a later one. */
  becameLatest: boolean;
  /** The answer was lost and the switch was found by reading the history back. */
  readBack: boolean;
}

/** How far a read-back may look for the switch this write created. */
const READ_BACK_SWITCHES = 10;
const CLOCK_SKEW_MS = 60_000;

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** What a switch needs: who, by ID (guards) and UUID (the write), named in refusals. */
export type SwitchMember = Pick<Member, 'id' | 'uuid' | 'name'>;

/**
 * The guards a backdated switch meets before it is written (or before a prompt offers it): not in
 * the future, not before the system, not at the latest switch's instant, no repeats, and not the
 * current fronters again when it becomes the latest. Says whether it becomes the latest.
 */
export async function checkBackdatedSwitch(services: Services, userId: string, auth: OwnSystemAuth, members: readonly SwitchMember[], at: Date, now = new Date()): Promise<{ becameLatest: boolean }> {
  const names = Object.fromEntries(members.map((member) => [member.id, member.name]));
  const [latest, notBefore] = await Promise.all([services.pluralkit.getFronters('@me', { token: auth.token }), earliestSwitchTime(services, userId, auth, at)]);
  const timeCheck = checkSwitchTime(at, { now, latestSwitchAt: latest ? new Date(latest.timestamp) : null, notBefore });
  if (!timeCheck.ok) throw timeCheck.refusal;
  const becameLatest = !latest || at.getTime() > Date.parse(latest.timestamp);
  const check = checkSwitchMembers(members.map((member) => member.id), { currentFronterIds: becameLatest && latest ? latest.members.map((m) => m.id) : null, names });
  if (!check.ok) throw check.refusal;
  return { becameLatest };
}

/**
 * Registers a switch (members in order; empty = switch-out), now or at `at`. A switch "now" is one
 * request: PluralKit itself refuses one identical to the current fronters (40004), and that answer
 * is turned into the same words as our own guard. A backdated switch first reads the latest one,
 * to tell whether it becomes current and to refuse an exact-time clash by name.
 */
export async function registerSwitch(
  services: Services,
  userId: string,
  auth: OwnSystemAuth,
  members: readonly SwitchMember[],
  at: Date | undefined,
  /** `checked`: what `checkBackdatedSwitch` said just now, so its reads are not made twice. */
  options: { now?: Date; checked?: { becameLatest: boolean } } = {},
): Promise<RegisteredSwitch> {
  const names = Object.fromEntries(members.map((member) => [member.id, member.name]));
  const ids = members.map((member) => member.id);
  let becameLatest = true;
  if (at) {
    ({ becameLatest } = options.checked ?? (await checkBackdatedSwitch(services, userId, auth, members, at, options.now)));
  } else {
    const check = checkSwitchMembers(ids, { currentFronterIds: null, names });
    if (!check.ok) throw check.refusal;
  }

  const startedAt = Date.now();
  try {
    const result = await services.writes.withReadBack({
      write: async (deadline) => {
        const created = await services.pluralkit.createSwitch('@me', { members: members.map((m) => m.uuid), ...(at ? { timestamp: at } : {}) }, { token: auth.token, deadline });
        return { id: created.id, timestamp: created.timestamp };
      },
      readBack: async () => {
        const recent = await services.pluralkit.getSystemSwitches('@me', { limit: READ_BACK_SWITCHES }, { token: auth.token });
        const found = recent.find(
          (entry) =>
            sameMembers(entry.members, ids) &&
            (at ? Date.parse(entry.timestamp) === at.getTime() : Date.parse(entry.timestamp) >= startedAt - CLOCK_SKEW_MS),
        );
        return found ? { id: found.id, timestamp: found.timestamp } : null;
      },
      checkWith: '`/switch history`',
    });
    await switchesChanged(services, auth, { id: result.value.id, timestamp: result.value.timestamp, members: ids });
    return { id: result.value.id, timestamp: result.value.timestamp, becameLatest, readBack: result.readBack };
  } catch (error) {
    if (hasCode(error, PkErrorCode.SameSwitchMembers)) {
      throw new Refusal('switch.already-fronting', { memberIds: ids, names });
    }
    throw error;
  }
}
