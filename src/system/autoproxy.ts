import { Refusal } from '../core/refusal.js';
import { UserFacingError } from '../core/user-facing-error.js';
import type { AutoproxyMode, Member } from '../pluralkit/models.js';
import { normalizeEntityRef } from '../pluralkit/refs.js';
import type { Services } from '../services.js';
import { resolveOwn } from '../access/own-system.js';
import type { OwnSystemAuth } from '../directory/system-directory.js';

/**
 * PluralKit's autoproxy rules (API reference §2.1), checked before anything is sent: `member`
 * mode needs a member, `latch` may carry one, `off` and `front` take none.
 */
export function checkAutoproxyRequest(mode: AutoproxyMode, memberGiven: boolean): void {
  if (mode === 'member' && !memberGiven) throw new Refusal('autoproxy.member-needed', {});
  if ((mode === 'off' || mode === 'front') && memberGiven) throw new Refusal('autoproxy.member-not-allowed', { mode });
}

/**
 * The member to autoproxy as: one of the caller's own. Another system's member ID is refused here
 * (PluralKit would answer 403), without asking PluralKit.
 */
export async function autoproxyMember(services: Services, userId: string, auth: OwnSystemAuth, input: string): Promise<Member> {
  try {
    return await resolveOwn(services, 'members', userId, auth, input);
  } catch (error) {
    const ref = normalizeEntityRef(input);
    if ((error instanceof UserFacingError || error instanceof Refusal) && ref !== null) throw new Refusal('autoproxy.not-own-member', { ref, lookup: error });
    throw error;
  }
}
