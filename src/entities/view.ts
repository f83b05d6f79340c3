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
}

/**
 * What a card shows, in at most two requests: the entity and its related list, read in parallel
 * with the viewer's credentials (none for a public reply, so it is PluralKit's public view). When
 * resolving the name just read the caller's own list, that owner view is used instead of reading
 * the entity again (its public view computed with PluralKit's rules).
 */
export async function loadCard<E extends Entity>(services: Services, kind: EntityKind<E>, read: ReadReference<E>): Promise<Card<E>> {
  const opts = read.token ? { token: read.token } : {};
  const known = read.fresh && read.entity ? (read.token ? read.entity : kind.publicView(read.entity)) : null;
  const [entity, related] = await Promise.all([
    known ??
      kind.get(services, read.ref, opts).catch((error: unknown) => {
        // A name that looks like an ID: say what the own list suggested, not only "not found".
        if (read.ownMiss && hasCode(error, kind.notFoundCode)) refuse('entity.unknown-anywhere', { kind: kind.name, ref: read.ref, ownMiss: read.ownMiss });
        throw error;
      }),
    kind.listRelated(services, read.ref, opts).catch((error: unknown) => {
      if (hasCode(error, kind.relatedPrivateCode)) return null;
      throw error;
    }),
  ]);
  const ownerView = read.entity ?? (entity.privacy ? entity : null);
  return { entity, related, hidden: ownerView ? kind.isHidden(ownerView) : false };
}
