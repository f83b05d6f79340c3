import { Refusal } from '../core/refusal.js';
import type { Member } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import { registerSwitch, type RegisteredSwitch } from './register.js';

/*
 * `/switch add` and `/switch remove`: a new switch "now" made from the current front with members
 * added (after the ones fronting, as `pk;switch copy` appends) or taken out, in one command.
 */

export type FrontChange = 'add' | 'remove';

function namesOf(members: readonly Pick<Member, 'id' | 'name'>[]): Record<string, string> {
  return Object.fromEntries(members.map((member) => [member.id, member.name]));
}

/** The front after the change, in order; refuses members already in (add) or not in (remove), by name. */
export function changedFront(change: FrontChange, current: readonly Member[], given: readonly Member[]): Member[] {
  const fronting = new Set(current.map((member) => member.id));
  if (change === 'add') {
    const already = given.filter((member) => fronting.has(member.id));
    if (already.length > 0) throw new Refusal('switch.already-in-front', { memberIds: already.map((m) => m.id), names: namesOf(already) });
    return [...current, ...given];
  }
  const absent = given.filter((member) => !fronting.has(member.id));
  if (absent.length > 0) throw new Refusal('switch.not-in-front', { memberIds: absent.map((m) => m.id), names: namesOf(absent) });
  const leaving = new Set(given.map((member) => member.id));
  return current.filter((member) => !leaving.has(member.id));
}

/** Registers the current front with `given` added or removed; answers with who fronts now. */
export async function changeFront(
  services: Services,
  userId: string,
  auth: OwnSystemAuth,
  change: FrontChange,
  given: readonly Member[],
): Promise<{ members: Member[]; registered: RegisteredSwitch }> {
  const latest = await services.pluralkit.getFronters('@me', { token: auth.token });
  const members = changedFront(change, latest?.members ?? [], given);
  const registered = await registerSwitch(services, userId, auth, members, undefined);
  return { members, registered };
}
