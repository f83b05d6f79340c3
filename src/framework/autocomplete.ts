import { autocompleteChoices } from '../resolve/autocomplete.js';
import type { NamedEntity } from '../resolve/search-index.js';
import { zoneChoices } from '../time/zones.js';
import { storedTokenFor } from '../access/stored-token.js';
import type { AutocompleteContext, Choice } from './command.js';
import { statsZone } from '../session/front-stats.js';
import { statsRangeChoices } from '../render/stats-range.js';
import type { AutocompleteSource } from './fields.js';

/** A cold list may load this long before autocomplete answers with nothing (Discord allows 3 s). */
export const AUTOCOMPLETE_LOAD_WAIT_MS = 2000;

type Choices = Choice[];

async function fromOwnList(ctx: AutocompleteContext, list: 'members' | 'groups', query: string, multi: boolean): Promise<Choices> {
  const stored = await storedTokenFor(ctx.services, ctx.userId);
  if (!stored) return [];
  const entities: readonly NamedEntity[] | undefined =
    list === 'members'
      ? await ctx.services.directory.forAutocomplete('members', ctx.userId, stored, AUTOCOMPLETE_LOAD_WAIT_MS)
      : await ctx.services.directory.forAutocomplete('groups', ctx.userId, stored, AUTOCOMPLETE_LOAD_WAIT_MS);
  // An empty member entry offers the current and recent fronters first (from cache only; never waited for).
  const firstWhenEmpty = list === 'members' ? () => ctx.services.directory.recentFronters(ctx.userId, stored) : undefined;
  return entities ? autocompleteChoices(query, entities, { multi, firstWhenEmpty }) : [];
}

const SOURCES: Record<AutocompleteSource, (ctx: AutocompleteContext, query: string) => Promise<Choices>> = {
  member: (ctx, query) => fromOwnList(ctx, 'members', query, false),
  members: (ctx, query) => fromOwnList(ctx, 'members', query, true),
  group: (ctx, query) => fromOwnList(ctx, 'groups', query, false),
  groups: (ctx, query) => fromOwnList(ctx, 'groups', query, true),
  timezone: async (_ctx, query) => zoneChoices(query, new Date()),
  range: async (ctx, query) => statsRangeChoices(query, new Date(), await statsZone(ctx.services, ctx.userId)),
};

/** Choices for a field's declared source; the caller's own lists only, never another user's. */
export function autocompleteFrom(source: AutocompleteSource, ctx: AutocompleteContext, query: string): Promise<Choices> {
  return SOURCES[source](ctx, query);
}
