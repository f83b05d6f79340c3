import { UserFacingError } from '../core/user-facing-error.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { SystemGuildSettings } from '../pluralkit/models.js';
import { NO_SERVER_SETTINGS_YET } from '../render/system-server.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../session/system-directory.js';

/** This server's settings of the caller's system; "not yet" (20009) is said as PluralKit means it. */
export async function readServerSettings(services: Services, auth: OwnSystemAuth, guildId: string): Promise<SystemGuildSettings> {
  try {
    return await services.pluralkit.getSystemGuildSettings('@me', guildId, { token: auth.token });
  } catch (error) {
    if (hasCode(error, PkErrorCode.SystemGuildSettingsNotFound)) throw new UserFacingError(NO_SERVER_SETTINGS_YET);
    throw error;
  }
}
