import type { Services } from '../services.js';

/**
 * Deletes everything Switchboard stores for a Discord user: for a user who removed the app from
 * their account (Discord's APPLICATION_DEAUTHORIZED event). Their token and their open prompts,
 * lists and forms, and their front logs go; a new store kind that keeps something per user adds itself here.
 */
export async function forgetUser(services: Services, userId: string): Promise<void> {
  await services.tokens.remove(userId);
  await services.stores.interactionState.forgetUser(userId);
  await services.stores.logSubscriptions.removeForUser(userId);
  await services.stores.preferences.forgetUser(userId);
}
