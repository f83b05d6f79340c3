import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { Member, System } from '../pluralkit/models.js';
import { isGroupHidden, isMemberHidden } from '../pluralkit/privacy.js';
import type { Services } from '../services.js';
import type { ReadTarget } from '../access/read-target.js';
import { storedTokenFor } from '../access/stored-token.js';
import { SYSTEM_PRIVACY_SUBJECTS } from './privacy-subjects.js';

export interface SystemCardData {
  system: System;
  members: { total: number; hidden?: number } | null;
  groups: { total: number; hidden?: number } | null;
  fronters: Member[] | null;
  /** Owner view only: labels of the subjects kept private. */
  privateSubjects?: string[];
}

/** A read that a privacy setting may refuse: null then (the card leaves that part out). */
async function unlessPrivate<T>(read: Promise<T>, code: number): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (hasCode(error, code)) return null;
    throw error;
  }
}

/**
 * What the system card shows. A public card is read without a token, so it is PluralKit's public
 * view by construction (member and group counts leave hidden ones out, private lists show none);
 * the owner view counts everything from the cached own lists and says how many are hidden.
 */
export async function loadSystemCard(services: Services, userId: string, target: ReadTarget): Promise<SystemCardData> {
  const { pluralkit } = services;
  const stored = target.token ? await storedTokenFor(services, userId) : null;
  if (!stored) {
    const ref = target.systemRef;
    const [system, members, groups, front] = await Promise.all([
      pluralkit.getSystem(ref),
      unlessPrivate(pluralkit.getSystemMembers(ref), PkErrorCode.MemberListPrivate),
      unlessPrivate(pluralkit.getSystemGroups(ref), PkErrorCode.GroupListPrivate),
      unlessPrivate(pluralkit.getFronters(ref), PkErrorCode.FrontPrivate),
    ]);
    return {
      system,
      members: members ? { total: members.length } : null,
      groups: groups ? { total: groups.length } : null,
      fronters: front?.members ?? null,
    };
  }
  const auth = { token: stored.token, systemId: stored.systemId };
  const [system, front, members, groups] = await Promise.all([
    pluralkit.getSystem('@me', { token: auth.token }),
    pluralkit.getFronters('@me', { token: auth.token }),
    services.directory.ownMembers(userId, auth),
    services.directory.ownGroups(userId, auth),
  ]);
  return {
    system,
    members: { total: members.length, hidden: members.filter(isMemberHidden).length },
    groups: { total: groups.length, hidden: groups.filter(isGroupHidden).length },
    fronters: front?.members ?? [],
    privateSubjects: SYSTEM_PRIVACY_SUBJECTS.filter((entry) => system.privacy?.[entry.key] === 'private').map((entry) => entry.label),
  };
}
