import { MEMBER_COMMAND } from '../shared/entity/kinds.js';
import { viewSubcommand } from '../shared/entity/view.js';
import type { Group } from '../../src/pluralkit/models.js';
import { renderMemberCard } from '../../src/render/member.js';
import { lastFrontedOf } from '../../src/session/last-fronted.js';

/**
 * `/member view member [private]`: PluralKit's member card (field order, labels, hidden-year
 * birthdays, proxy tags in code, colour, avatar, banner) with its groups when the system's group
 * list is visible to this viewer (GET /members/{ref} and GET /members/{ref}/groups, in parallel),
 * and when it last fronted when the front history is visible (GET …/switches, cached).
 */
export const viewMember = viewSubcommand(MEMBER_COMMAND, {
  description: 'A member card with its groups (public unless private: True)',
  // "Last fronted" when the front history is visible to this viewer (shared with /stats' cache).
  extra: (ctx, card, read) => lastFrontedOf(ctx.services, ctx.userId, card.entity, read.token),
  render: (card, lastFronted) => renderMemberCard(card.entity, { systemName: card.systemName, groups: card.related as Group[] | null, hidden: card.hidden, lastFronted: lastFronted ?? null }),
});
