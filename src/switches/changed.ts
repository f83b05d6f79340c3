import type { SwitchSummary } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/**
 * After our own switch write: front histories read for stats and cards no longer tell the truth,
 * and the recent fronters autocomplete offers take in a switch we `registered` (else are re-read).
 */
export async function switchesChanged(services: Services, auth: OwnSystemAuth, registered?: SwitchSummary): Promise<void> {
  services.directory.switchesChanged(auth.systemId, registered);
  await services.frontHistory.invalidate(auth.systemId);
}
