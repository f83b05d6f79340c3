import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/**
 * How far back a switch may be logged or moved for `at`: not before the system was created,
 * unless its history (an import) already reaches further back — then only PluralKit's own launch
 * bounds it (see `checkSwitchTime`). The extra look at the history is made only for such an `at`.
 */
export async function earliestSwitchTime(services: Services, userId: string, auth: OwnSystemAuth, at: Date): Promise<Date | null> {
  const created = await services.directory.systemCreated(userId, auth);
  if (!created || at.getTime() >= created.getTime()) return created;
  const older = await services.pluralkit.getSystemSwitches('@me', { before: created, limit: 1 }, { token: auth.token });
  return older.length > 0 ? null : created;
}
