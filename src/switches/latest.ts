import { Refusal } from '../core/refusal.js';
import type { Switch, SwitchSummary } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';
import { switchIsGone } from './changes.js';

/** Identifies a switch's exact state, so a confirmation can tell whether it changed meanwhile. */
export function switchFingerprint(entry: { id: string; timestamp: string; members: ReadonlyArray<string | { id: string }> }): string {
  const members = entry.members.map((member) => (typeof member === 'string' ? member : member.id));
  return `${entry.id}@${Date.parse(entry.timestamp)}:${members.join(',')}`;
}

/** The caller's latest switch (full members); a clear refusal when there is none. */
export async function latestSwitch(services: Services, auth: OwnSystemAuth): Promise<Switch> {
  const latest = await services.pluralkit.getFronters('@me', { token: auth.token });
  if (!latest) throw new Refusal('switch.none-yet', {});
  return latest;
}

/** The switch before the latest one, if any. */
export async function previousSwitch(services: Services, auth: OwnSystemAuth, latest: Pick<Switch, 'id'>): Promise<SwitchSummary | null> {
  const recent = await services.pluralkit.getSystemSwitches('@me', { limit: 2 }, { token: auth.token });
  return recent.find((entry) => entry.id !== latest.id) ?? null;
}

/**
 * The exact switch a confirmation is about, read again just before changing it (the confirmation
 * compares its fingerprint with the prompt's): one deleted since is refused by name.
 */
export async function rereadSwitch(services: Services, auth: OwnSystemAuth, switchId: string): Promise<Switch> {
  try {
    return await services.pluralkit.getSwitch('@me', switchId, { token: auth.token });
  } catch (error) {
    if (switchIsGone(error)) throw new Refusal('switch.deleted-since', {});
    throw error;
  }
}
