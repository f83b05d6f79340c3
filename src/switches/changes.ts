import type { OwnSystemAuth } from '../directory/system-directory.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { Switch } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { WriteResult } from '../writes/writes.js';
import { switchesChanged } from './changed.js';

/*
 * Changes to a switch that already exists (the latest one, from /switch edit, move and delete):
 * each one write, settled by reading the switch back when the answer is lost, and the caches
 * that hold switches told afterwards.
 */

const CHECK_WITH = '`/switch history`';

/** PluralKit's answers for a switch that is not there (or not visible). */
export function switchIsGone(error: unknown): boolean {
  return hasCode(error, PkErrorCode.SwitchNotFoundOrPrivate) || hasCode(error, PkErrorCode.SwitchNotFound);
}

/** Replaces the members of a switch (member UUIDs in order; `memberIds` tells the read-back what to expect). */
export async function setSwitchMembers(services: Services, auth: OwnSystemAuth, switchId: string, members: { uuids: readonly string[]; ids: readonly string[] }): Promise<WriteResult<Switch>> {
  const result = await services.writes.withReadBack({
    write: (deadline) => services.pluralkit.updateSwitchMembers('@me', switchId, [...members.uuids], { token: auth.token, deadline }),
    readBack: async () => {
      const current = await services.pluralkit.getSwitch('@me', switchId, { token: auth.token });
      return current.members.map((member) => member.id).join(',') === members.ids.join(',') ? current : null;
    },
    checkWith: CHECK_WITH,
  });
  await switchesChanged(services, auth);
  return result;
}

/** Moves a switch to another time. */
export async function moveSwitchTo(services: Services, auth: OwnSystemAuth, switchId: string, at: Date): Promise<WriteResult<Switch>> {
  const result = await services.writes.withReadBack({
    write: (deadline) => services.pluralkit.updateSwitch('@me', switchId, { timestamp: at }, { token: auth.token, deadline }),
    readBack: async () => {
      const current = await services.pluralkit.getSwitch('@me', switchId, { token: auth.token });
      return Date.parse(current.timestamp) === at.getTime() ? current : null;
    },
    checkWith: CHECK_WITH,
  });
  await switchesChanged(services, auth);
  return result;
}

/** Deletes a switch; a lost answer is settled by whether it is still there. */
export async function deleteSwitchById(services: Services, auth: OwnSystemAuth, switchId: string): Promise<WriteResult<void>> {
  const result = await services.writes.withReadBack({
    write: (deadline) => services.pluralkit.deleteSwitch('@me', switchId, { token: auth.token, deadline }),
    readBack: async () => {
      try {
        await services.pluralkit.getSwitch('@me', switchId, { token: auth.token });
        return null;
      } catch (error) {
        // Gone: the delete happened (undefined is the void result, null would mean "still there").
        if (switchIsGone(error)) return undefined;
        throw error;
      }
    },
    checkWith: CHECK_WITH,
  });
  await switchesChanged(services, auth);
  return result;
}
