import type { Services } from '../services.js';

/**
 * Whether a read answers only to the caller: `only_me` when given (True or False), else the
 * caller's own default from `/preferences` (public unless they chose "only me").
 */
export async function answersOnlyMe(services: Services, userId: string, given: boolean | undefined): Promise<boolean> {
  if (given !== undefined) return given;
  return (await services.stores.preferences.get(userId))?.replies === 'only-me';
}
