import { GROUP_COMMAND } from '../shared/entity/kinds.js';
import { viewSubcommand } from '../shared/entity/view.js';
import { renderGroupCard } from '../../src/render/group.js';

/**
 * `/group view group [private]`: PluralKit's group card with the member count and up to 20
 * member names when the group's member list is visible to this viewer. GET /groups/{ref} and
 * GET /groups/{ref}/members, in parallel.
 */
export const viewGroup = viewSubcommand(GROUP_COMMAND, {
  description: 'A group card with its members (public unless private: True)',
  render: (card) =>
    renderGroupCard(card.entity, {
      systemName: card.systemName,
      ...(card.related ? { memberCount: card.related.length, memberNames: card.related.map((member) => member.name) } : {}),
      hidden: card.hidden,
    }),
});
