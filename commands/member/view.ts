import { MEMBER_COMMAND } from '../../src/discord/entity-commands/kinds.js';
import { viewSubcommand } from '../../src/discord/entity-commands/view.js';
import type { Group } from '../../src/pluralkit/models.js';
import { renderMemberCard } from '../../src/render/member.js';

/**
 * `/member view member [private]`: PluralKit's member card (field order, labels, hidden-year
 * birthdays, proxy tags in code, colour, avatar, banner) with its groups when the system's group
 * list is visible to this viewer. GET /members/{ref} and GET /members/{ref}/groups, in parallel.
 */
export const viewMember = viewSubcommand(MEMBER_COMMAND, {
  description: 'A member card with its groups (public unless private: True)',
  render: (card) => renderMemberCard(card.entity, { groups: card.related as Group[] | null, hidden: card.hidden }),
});
