import { publicMember } from '../pluralkit/privacy.js';
import type { Services } from '../services.js';
import { storedTokenFor } from './stored-token.js';

/** Which history a page shows: whose (a path ref), and whether in the owner's view. */
export interface HistoryView {
  ref: string;
  owner: boolean;
  ownSystem: boolean;
}

/** Member names for history lines: public names in public views; hidden and deleted members handled. */
export async function historyMemberNames(services: Services, userId: string, view: HistoryView, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const stored = view.ownSystem ? await storedTokenFor(services, userId) : null;
  if (stored) {
    // Names from the list already held; loaded once if it is not.
    const members = services.directory.peek('members', userId, stored) ?? (await services.directory.ownMembers(userId, stored));
    for (const member of members) names.set(member.id, view.owner ? member.name : publicMember(member).name);
    return names;
  }
  try {
    for (const member of await services.pluralkit.getSystemMembers(view.ref)) names.set(member.id, member.name);
  } catch {
    // A private member list: look members up one by one below.
  }
  const missing = [...new Set(ids)].filter((id) => !names.has(id)).slice(0, 20);
  await Promise.all(
    missing.map(async (id) => {
      try {
        names.set(id, (await services.pluralkit.getMember(id)).name);
      } catch {
        // Deleted members stay unnamed.
      }
    }),
  );
  return names;
}
