import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/** After our own switch write: front histories read for stats and cards no longer tell the truth. */
export function switchesChanged(services: Services, auth: OwnSystemAuth): void {
  services.frontHistory.invalidate(auth.systemId);
}
