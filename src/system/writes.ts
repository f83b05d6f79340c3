import { hasStatus } from '../pluralkit/errors.js';
import type { AutoproxySettings, System, SystemGuildSettings, SystemSettings, SystemSettingsView } from '../pluralkit/models.js';
import type { AutoproxyPatch, SystemGuildSettingsPatch, SystemPatch, SystemSettingsPatch } from '../pluralkit/requests.js';
import { Refusal } from '../core/refusal.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import type { WriteResult } from '../writes/writes.js';
import { holdsPatch } from '../writes/read-back.js';
import { DEFAULT_NAME_FORMAT } from './settings-catalogue.js';

/*
 * The caller's own system, settings, server settings and autoproxy, written through
 * `services.writes.withReadBack`: when PluralKit's answer is lost, what it holds now is read and compared
 * with what was sent, so the user hears what is true.
 */

export async function updateOwnSystem(services: Services, auth: OwnSystemAuth, body: SystemPatch): Promise<WriteResult<System>> {
  return services.writes.withReadBack({
    write: (deadline) => services.pluralkit.updateSystem('@me', body, { token: auth.token, deadline }),
    readBack: async () => {
      const now = await services.pluralkit.getSystem('@me', { token: auth.token });
      return holdsPatch(now, body) ? now : null;
    },
    checkWith: '`/system view private: True`',
  });
}

/** The name format reads back as "{name} {tag}" when it was cleared. */
const sameNameFormat = (key: string, wanted: unknown, stored: unknown): boolean | undefined =>
  key === 'name_format' ? (wanted ?? DEFAULT_NAME_FORMAT) === (stored ?? DEFAULT_NAME_FORMAT) : undefined;

/** Also forgets the cached time zone, so the next `at` is read in the new one. */
export async function updateOwnSettings(services: Services, userId: string, auth: OwnSystemAuth, body: SystemSettingsPatch): Promise<WriteResult<SystemSettingsView>> {
  try {
    return await services.writes.withReadBack<SystemSettings | SystemSettingsView>({
      write: (deadline) => services.pluralkit.updateSystemSettings('@me', body, { token: auth.token, deadline }),
      readBack: async () => {
        const now = await services.pluralkit.getSystemSettings('@me', { token: auth.token });
        return holdsPatch(now, body, sameNameFormat) ? now : null;
      },
      checkWith: '`/system settings view`',
    });
  } finally {
    if (body.timezone !== undefined) await services.directory.timezoneChanged(userId, auth);
  }
}

export async function updateServerSettings(services: Services, auth: OwnSystemAuth, guildId: string, body: SystemGuildSettingsPatch): Promise<WriteResult<SystemGuildSettings>> {
  return services.writes.withReadBack({
    write: (deadline) => services.pluralkit.updateSystemGuildSettings('@me', guildId, body, { token: auth.token, deadline }),
    readBack: async () => {
      const now = await services.pluralkit.getSystemGuildSettings('@me', guildId, { token: auth.token });
      return holdsPatch(now, body) ? now : null;
    },
    checkWith: '`/system server view`',
  });
}

/**
 * Sets autoproxy and answers with the real state: PluralKit's answer after switching off still
 * names the member it just cleared (API reference §2.1), so that case is read again.
 */
export async function updateAutoproxy(services: Services, auth: OwnSystemAuth, guildId: string, body: AutoproxyPatch): Promise<WriteResult<AutoproxySettings>> {
  const read = () => services.pluralkit.getAutoproxySettings('@me', guildId, { token: auth.token });
  const result = await services.writes.withReadBack({
    write: (deadline) => services.pluralkit.updateAutoproxySettings('@me', guildId, body, { token: auth.token, deadline }),
    readBack: async () => {
      const now = await read();
      const member = body.autoproxy_member ?? null;
      return now.autoproxy_mode === body.autoproxy_mode && (member === null || now.autoproxy_member === member) ? now : null;
    },
    checkWith: '`/autoproxy view`',
  }).catch((error: unknown) => {
    // A member of another system (checked before sending, unless the list changed meanwhile).
    if (hasStatus(error, 403)) throw new Refusal('autoproxy.not-own-member', { ref: null });
    throw error;
  });
  const stale = (result.value.autoproxy_mode === 'off' || result.value.autoproxy_mode === 'front') && result.value.autoproxy_member !== null;
  return stale ? { value: await read(), readBack: result.readBack } : result;
}
