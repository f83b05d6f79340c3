import type { SystemSettingsView } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import { resolveReadTarget, type SystemNaming } from '../access/read-target.js';
import { storedTokenFor } from '../access/stored-token.js';
import { DEFAULT_NAME_FORMAT } from './settings-catalogue.js';

export interface SettingsView {
  settings: SystemSettingsView;
  /** Read with the owner's token: every setting. */
  owner: boolean;
  /** The system as the reply names it; null for the owner's own view ("your system", only to them). */
  naming: SystemNaming | null;
}

/**
 * The caller's own settings (all of them, with their token), or another system's public
 * settings (PluralKit answers those to anyone, so no token is sent).
 */
export async function loadSettings(services: Services, userId: string, options: { user?: string | undefined; system?: string | undefined }): Promise<SettingsView> {
  const target = await resolveReadTarget(services, userId, options);
  const stored = target.ownSystem ? await storedTokenFor(services, userId) : null;
  if (stored) return { settings: await services.pluralkit.getSystemSettings('@me', { token: stored.token }), owner: true, naming: null };
  const [settings, naming] = await Promise.all([services.pluralkit.getSystemSettings(target.systemRef), target.naming()]);
  return { settings, owner: false, naming };
}

/**
 * Settings as people should compare them: PluralKit's read says "{name} {tag}" for an unset name
 * format while its write answer says null; an unset latch timeout is the default (6 h), not
 * nothing; only the write answer carries the colour-on-cards setting (`unreported` before).
 */
export function comparableSettings(settings: SystemSettingsView): Record<string, unknown> {
  return {
    card_show_color_hex: 'unreported',
    ...settings,
    name_format: settings.name_format ?? DEFAULT_NAME_FORMAT,
    latch_timeout: settings.latch_timeout ?? 'default',
  };
}
