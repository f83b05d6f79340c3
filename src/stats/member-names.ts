/*
 * Who the members in a front history are, as one viewer may see them: what PluralKit's view
 * (the owner's, or the public one) calls them, which are gone, and which could not be looked up
 * in time (neither named nor gone).
 */

export interface NamedMember {
  name: string;
  color: string | null;
}

export interface MemberNames {
  named: ReadonlyMap<string, NamedMember>;
  /** Members PluralKit no longer has (deleted): "deleted member", never a guess. */
  gone: ReadonlySet<string>;
}

export const NO_NAMES: MemberNames = { named: new Map(), gone: new Set() };

/** The IDs among `ids` that `names` neither names nor knows to be gone, in order, without repeats. */
export function unnamed(names: MemberNames, ids: Iterable<string>): string[] {
  const missing = new Set<string>();
  for (const id of ids) if (!names.named.has(id) && !names.gone.has(id)) missing.add(id);
  return [...missing];
}
