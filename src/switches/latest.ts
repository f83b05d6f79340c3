import { assertUnchanged } from '../core/unchanged.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { Switch, SwitchSummary } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

export const NO_SWITCHES_MESSAGE = 'Your system has no switches yet. Register one with `/switch new`.';

/** Identifies a switch's exact state, so a confirmation can tell whether it changed meanwhile. */
export function switchFingerprint(entry: { id: string; timestamp: string; members: ReadonlyArray<string | { id: string }> }): string {
  const members = entry.members.map((member) => (typeof member === 'string' ? member : member.id));
  return `${entry.id}@${Date.parse(entry.timestamp)}:${members.join(',')}`;
}

/** The caller's latest switch (full members); a clear refusal when there is none. */
export async function latestSwitch(services: Services, auth: OwnSystemAuth): Promise<Switch> {
  const latest = await services.pluralkit.getFronters('@me', { token: auth.token });
  if (!latest) throw new UserFacingError(NO_SWITCHES_MESSAGE);
  return latest;
}

/** The switch before the latest one, if any. */
export async function previousSwitch(services: Services, auth: OwnSystemAuth, latest: Pick<Switch, 'id'>): Promise<SwitchSummary | null> {
  const recent = await services.pluralkit.getSystemSwitches('@me', { limit: 2 }, { token: auth.token });
  return recent.find((entry) => entry.id !== latest.id) ?? null;
}

/**
 * Re-reads the exact switch a confirmation is about, just before changing it: a switch deleted
 * or changed since the prompt is caught instead of overwritten.
 */
export async function rereadUnchanged(services: Services, auth: OwnSystemAuth, switchId: string, shown: string): Promise<Switch> {
  let current: Switch;
  try {
    current = await services.pluralkit.getSwitch('@me', switchId, { token: auth.token });
  } catch (error) {
    if (hasCode(error, PkErrorCode.SwitchNotFoundOrPrivate) || hasCode(error, PkErrorCode.SwitchNotFound)) {
      throw new UserFacingError('That switch was deleted since this prompt was shown, so nothing was done.');
    }
    throw error;
  }
  assertUnchanged(shown, switchFingerprint(current), { kind: 'switch' });
  return current;
}
