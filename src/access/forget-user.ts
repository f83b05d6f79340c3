import type { Services } from '../services.js';

/**
 * Deletes everything Switchboard stores for a Discord user: for a user who removed the app from
 * their account (Discord's APPLICATION_DEAUTHORIZED event).
 */
export async function forgetUser(services: Services, userId: string): Promise<void> {
  services.vault.remove(userId);
}
