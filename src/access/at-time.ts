import { refuse } from '../core/refusal.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import { parseAt } from '../time/parse-at.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/** An `at` option read in the caller's PluralKit time zone (fetched once, then cached). */
export async function readAt(services: Services, log: Logger, userId: string, auth: OwnSystemAuth, input: string, now = new Date()): Promise<Date> {
  const timeZone = await services.directory.timezone(userId, auth);
  const parsed = parseAt(input, { now, timeZone });
  if (!parsed.ok) refuse('at.unreadable', { input, problem: parsed.problem, zone: parsed.zone, zoneFellBack: parsed.zoneFellBack });
  if (parsed.zoneFellBack) log.warn({ timeZone }, 'system time zone not recognised; read the time in UTC');
  return parsed.date;
}
