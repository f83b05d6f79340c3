import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import type { Member } from '../pluralkit/models.js';
import { publicMember } from '../pluralkit/privacy.js';
import type { Services } from '../services.js';
import { unnamed, type MemberNames, type NamedMember } from '../stats/member-names.js';
import { storedTokenFor } from '../access/stored-token.js';

/** Which history a reply shows: whose (a path ref), and whether in the owner's view. */
export interface HistoryView {
  ref: string;
  owner: boolean;
  ownSystem: boolean;
  /** The system's short ID when known: a member ID that now belongs to another system is a deleted member. */
  systemId?: string | null;
}

export interface NamingOptions {
  /** Stop looking members up one by one by then; who is left stays unnamed. */
  deadline?: number;
  /** Members looked up one by one at most (a private member list costs one request each). */
  maxLookups?: number;
  onProgress?(looked: number, of: number): void;
}

/** Lookups in flight at once: enough to keep PluralKit's 10 requests a second busy, few enough to leave room for others. */
const LOOKUP_CONCURRENCY = 4;

function named(member: Pick<Member, 'name' | 'color'>): NamedMember {
  return { name: member.name, color: member.color };
}

/** Looks each ID up (with the token for the owner's view, else PluralKit's public view), a few at a time. */
async function lookUp(services: Services, ids: readonly string[], token: string | undefined, view: HistoryView, options: NamingOptions, into: { named: Map<string, NamedMember>; gone: Set<string> }): Promise<void> {
  let next = 0;
  let looked = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length && !(options.deadline !== undefined && Date.now() >= options.deadline)) {
      const id = ids[next++]!;
      try {
        const member = await services.pluralkit.getMember(id, { ...(token ? { token } : {}), ...(options.deadline !== undefined ? { deadline: options.deadline, longRead: true } : {}) });
        if (view.systemId && member.system !== undefined && member.system !== view.systemId) into.gone.add(id);
        else into.named.set(id, named(member));
      } catch (error) {
        if (hasCode(error, PkErrorCode.MemberNotFound)) into.gone.add(id);
        // Past the reply's deadline the rest stay unnamed (shown by ID); PluralKit down or
        // rate-limiting is the error funnel's to explain, not something to hide behind IDs.
        else if (!(options.deadline !== undefined && Date.now() >= options.deadline)) throw error;
      }
      options.onProgress?.(++looked, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, ids.length) }, worker));
}

/**
 * Names for the members `ids`, as this viewer may see them, read now (never from a cache that
 * could outlive a privacy change):
 * - the owner's view: the owner's member list (held by the directory); members not in it are
 *   looked up with the token (created elsewhere since, or gone);
 * - a public view of one's own system: the owner's list read fresh, through PluralKit's public
 *   rules (`publicMember`: a private name shows the display name), hidden members included as
 *   PluralKit's own front views include them;
 * - anyone else: PluralKit's public member list, and members it does not list (hidden, or a
 *   private list) looked up by ID in PluralKit's public view.
 * Members PluralKit no longer has are `gone`.
 */
export async function memberNames(services: Services, userId: string, view: HistoryView, ids: Iterable<string>, options: NamingOptions = {}): Promise<MemberNames> {
  const names = { named: new Map<string, NamedMember>(), gone: new Set<string>() };
  const wanted = unnamed(names, ids);
  if (wanted.length === 0) return names;
  const stored = view.ownSystem ? await storedTokenFor(services, userId) : null;
  if (stored && view.owner) {
    for (const member of await services.directory.ownMembers(userId, stored)) names.named.set(member.id, named(member));
    await lookUp(services, unnamed(names, wanted).slice(0, options.maxLookups), stored.token, view, options, names);
    return names;
  }
  if (stored) {
    const listed = new Set<string>();
    for (const member of await services.pluralkit.getSystemMembers('@me', { token: stored.token })) {
      listed.add(member.id);
      names.named.set(member.id, named(publicMember(member)));
    }
    for (const id of wanted) if (!listed.has(id)) names.gone.add(id);
    return names;
  }
  try {
    for (const member of await services.pluralkit.getSystemMembers(view.ref)) names.named.set(member.id, named(member));
  } catch (error) {
    // A private member list: every member is looked up by ID below.
    if (!hasCode(error, PkErrorCode.MemberListPrivate)) throw error;
  }
  await lookUp(services, unnamed(names, wanted).slice(0, options.maxLookups), undefined, view, options, names);
  return names;
}

/** Member names for history lines (a page of at most ten switches); deleted and unnamed members are left out. */
export async function historyMemberNames(services: Services, userId: string, view: HistoryView, ids: readonly string[]): Promise<Map<string, string>> {
  const names = await memberNames(services, userId, view, ids, { maxLookups: 25 });
  return new Map([...names.named].map(([id, member]) => [id, member.name]));
}
