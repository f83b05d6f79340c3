import { Refusal } from '../core/refusal.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { SystemGuildSettings } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/** This server's settings of the caller's system; "not yet" (20009) is said as PluralKit means it. */
export async function readServerSettings(services: Services, auth: OwnSystemAuth, guildId: string): Promise<SystemGuildSettings> {
  try {
    return await services.pluralkit.getSystemGuildSettings('@me', guildId, { token: auth.token });
  } catch (error) {
    if (hasCode(error, PkErrorCode.SystemGuildSettingsNotFound)) throw new Refusal('system.no-server-settings-yet', {});
    throw error;
  }
}
