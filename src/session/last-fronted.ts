import { PluralKitError } from '../pluralkit/errors.js';
import type { Member } from '../pluralkit/models.js';
import type { Services } from '../services.js';
import { lastFronted } from '../stats/engine.js';
import { coversSince, switchPagesOf } from '../stats/history-reader.js';
import type { LastFrontedView } from '../stats/types.js';

/** How far back a member card looks for "last fronted". */
export const LAST_FRONTED_DAYS = 30;
/** A card does not wait longer than this for front history; it shows what it read by then. */
const CARD_HISTORY_BUDGET_MS = 2_500;

/**
 * When the member last fronted, from the system's front history as this viewer may see it (the
 * owner's with `token`, else the public one); null when the history is private to the viewer or
 * could not be read in time. Reads are shared with /stats through the history cache.
 */
export async function lastFrontedOf(services: Services, userId: string, member: Pick<Member, 'id' | 'system'>, token: string | undefined): Promise<LastFrontedView | null> {
  const systemId = member.system;
  if (!systemId) return null;
  const now = Date.now();
  const since = now - LAST_FRONTED_DAYS * 86_400_000;
  try {
    const history = await services.frontHistory.read(
      { key: token ? `owner:${userId}:${systemId}` : `public:${systemId}`, systemId, publicView: !token, since, deadline: now + CARD_HISTORY_BUDGET_MS },
      switchPagesOf(services.pluralkit, token ? '@me' : systemId, token),
    );
    const fronted = lastFronted(history.switches, member.id, now);
    // A stretch that reaches the system's very first switch cannot have begun earlier.
    if (fronted) return { kind: 'fronted', fronted: { ...fronted, startMayBeEarlier: fronted.startMayBeEarlier && history.coveredFrom !== null } };
    return coversSince(history, since) ? { kind: 'not-recently', days: LAST_FRONTED_DAYS } : null;
  } catch (error) {
    // A private history (30005), a slow or busy PluralKit: the card goes without the line.
    if (error instanceof PluralKitError) return null;
    throw error;
  }
}
