import { refuse } from '../core/refusal.js';
import { hasCode } from '../pluralkit/errors.js';
import type { Services } from '../services.js';
import type { ReadReference } from '../access/own-system.js';
import type { Entity, EntityKind } from './kinds.js';

export interface Card<E extends Entity> {
  /** The entity as this viewer may see it. */
  entity: E;
  /** Its related list as this viewer may see it (a member's groups, a group's members); null when private. */
  related: Entity[] | null;
  /** Hidden from lists (PluralKit says so on the card to anyone); known for the caller's own entities. */
  hidden: boolean;
  /** The owning system's name as this viewer may see it (PluralKit's "Alice (The Willow Grove)"); null when hidden or unknown. */
  systemName: string | null;
}

/**
 * What a card shows, in at most three requests: the entity, its related list and its system's name, read in parallel
 * with the viewer's credentials (none for a public reply, so it is PluralKit's public view). When
 * resolving the name just read the caller's own list, that owner view is used instead of reading
 * the entity again (its public view computed with PluralKit's rules).
 */
export async function loadCard<E extends Entity>(services: Services, kind: EntityKind<E>, read: ReadReference<E>): Promise<Card<E>> {
  const opts = read.token ? { token: read.token } : {};
  const known = read.fresh && read.entity ? (read.token ? read.entity : kind.publicView(read.entity)) : null;
  // The system's name with the same credentials: the owner's for the owner view, none for a public one.
  const systemName = (of: Entity): Promise<string | null> =>
    of.system ? services.pluralkit.getSystem(read.token ? '@me' : of.system, opts).then((system) => system.name, () => null) : Promise.resolve(null);
  const reading: Promise<E> = known
    ? Promise.resolve(known as E)
    : kind.get(services, read.ref, opts).catch((error: unknown) => {
      // A name that looks like an ID: say what the own list suggested, not only "not found".
      if (read.ownMiss !== undefined && hasCode(error, kind.notFoundCode)) refuse('entity.unknown-anywhere', { kind: kind.name, ref: read.ref, ownMiss: read.ownMiss });
      throw error;
    });
  const [entity, related, owningName] = await Promise.all([
    reading,
    kind.listRelated(services, read.ref, opts).catch((error: unknown) => {
      if (hasCode(error, kind.relatedPrivateCode)) return null;
      throw error;
    }),
    // An own entity names its system at once; another system's once the entity says whose it is.
    read.entity ? systemName(read.entity) : reading.then(systemName, () => null),
  ]);
  const ownerView = read.entity ?? (entity.privacy ? entity : null);
  return { entity, related, hidden: ownerView ? kind.isHidden(ownerView) : false, systemName: owningName };
}
