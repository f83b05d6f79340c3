import { DiscordLimits } from '../core/discord-limits.js';
import { truncate, truncateStart } from '../text/truncate.js';
import { bareForSearch, buildSearchIndex, findMatch, foldForSearch, type IndexedEntity, type NamedEntity, type SearchIndex } from './search-index.js';

export interface Choice {
  name: string;
  value: string;
}

/** IDs to offer first for an empty entry, e.g. the current and recent fronters; undefined when not known yet. */
export type FirstWhenEmpty = () => readonly string[] | undefined;

export interface AutocompleteOptions {
  /** Complete the entry after the last comma of a comma-separated list. */
  multi: boolean;
  /** Asked only when the entry being typed is empty. */
  firstWhenEmpty?: FirstWhenEmpty;
}

export { buildSearchIndex } from './search-index.js';

/*
 * Scores: the kind of match times 4, plus 2 for a name and 1 for a display
 * name, so an exact ID beats a name prefix and a name beats a display name of
 * the same kind.
 */
const EXACT = 6;
const PREFIX = 5;
const WORD_PREFIX = 4;
const SUBSTRING = 3;
const SUBSEQUENCE = 1;

function matchKind(query: string, text: string): number {
  if (text === '' || query.length > text.length) return 0;
  if (text === query) return EXACT;
  if (text.startsWith(query)) return PREFIX;
  const at = text.indexOf(query);
  if (at > 0) return /[\p{L}\p{N}]/u.test(text[at - 1]!) ? SUBSTRING : WORD_PREFIX;
  return isSubsequence(query, text) ? SUBSEQUENCE : 0;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let found = 0;
  for (let i = 0; i < haystack.length && found < needle.length; i++) if (haystack[i] === needle[found]) found++;
  return found === needle.length;
}

interface Query {
  folded: string;
  /** Letters and digits only; empty when the query is only emoji or punctuation. */
  bare: string;
  /** `abc-def` read as the ID `abcdef`. */
  id: string;
}

/**
 * How well a name matches, on its folded form or else its bare one: `alice` finds `Alice 🌸` and
 * `mary jane` finds `Mary-Jane`. On the bare forms only containment counts, and at most as a
 * prefix, so the name that is exactly what was typed comes first. A bare name is the folded one
 * with characters taken out, so a plain query that is not even a subsequence of the folded name
 * is not contained in the bare one either: most names cost one comparison, as before.
 */
function nameKind(query: Query, folded: string, bare: string): number {
  const kind = matchKind(query.folded, folded);
  if (kind >= PREFIX || query.bare === '' || bare === '' || (kind === 0 && query.bare === query.folded)) return kind;
  if (bare.startsWith(query.bare)) return PREFIX;
  return kind < SUBSTRING && bare.includes(query.bare) ? SUBSTRING : kind;
}

function score(query: Query, entry: IndexedEntity<NamedEntity>): number {
  const byName = nameKind(query, entry.name, entry.bareName);
  const byDisplay = nameKind(query, entry.displayName, entry.bareDisplayName);
  const byId = matchKind(query.id, entry.id);
  return Math.max(byName > 0 ? byName * 4 + 2 : 0, byDisplay > 0 ? byDisplay * 4 + 1 : 0, byId > 0 ? byId * 4 : 0);
}

/** `Name “Display name” (id)`, at most `max` characters; the ID always survives. */
function choiceLabel(entity: NamedEntity, max: number): string {
  const suffix = ` (${entity.id})`;
  const room = max - suffix.length;
  const display = entity.display_name && foldForSearch(entity.display_name) !== foldForSearch(entity.name) ? ` “${entity.display_name}”` : '';
  // The display name is the first thing to go when space runs out.
  const text = entity.name.length + display.length <= room ? entity.name + display : truncate(entity.name, room);
  return text + suffix;
}

/** An earlier entry of a multi-entry value: the entity it names, if it names exactly one. */
interface EarlierEntry {
  id: string | null;
  /** What the entry shows in a choice's name: the name when it reads back unambiguously, else the ID or the text as typed. */
  label: string;
}

function readEarlierEntry(text: string, index: SearchIndex<NamedEntity>): EarlierEntry {
  const match = findMatch(text, index);
  if (match.kind !== 'one') return { id: null, label: text };
  const { entity } = match;
  const readBack = entity.name.includes(',') ? null : findMatch(entity.name, index);
  const nameReadsBack = readBack?.kind === 'one' && readBack.entity === entity;
  return { id: entity.id, label: nameReadsBack ? entity.name : entity.id };
}

/** Longest a new entry's own label may be when earlier entries share the choice name. */
const NEW_ENTRY_LABEL_MAX = 60;

/** An empty query: the entities `firstIds` names (in that order), then the rest in name order. */
function unranked(index: SearchIndex<NamedEntity>, excluded: ReadonlySet<string>, firstIds: readonly string[]): NamedEntity[] {
  const limit = DiscordLimits.autocompleteChoices;
  const taken = new Set(excluded);
  const first: NamedEntity[] = [];
  for (const given of firstIds) {
    if (first.length === limit) return first;
    const id = given.toLowerCase();
    const entity = index.byId.get(id);
    if (!entity || taken.has(id)) continue;
    taken.add(id);
    first.push(entity);
  }
  for (const entry of index.entries) {
    if (first.length === limit) break;
    if (!taken.has(entry.id)) first.push(entry.entity);
  }
  return first;
}

function ranked(query: string, index: SearchIndex<NamedEntity>, excluded: ReadonlySet<string>, firstWhenEmpty: FirstWhenEmpty | undefined): NamedEntity[] {
  const limit = DiscordLimits.autocompleteChoices;
  const folded = foldForSearch(query.trim());
  if (folded === '') return unranked(index, excluded, firstWhenEmpty?.() ?? []);
  const needle: Query = { folded, bare: bareForSearch(folded), id: /^[a-z]+-[a-z]+$/.test(folded) ? folded.replace('-', '') : folded };
  const scored: Array<{ entry: IndexedEntity<NamedEntity>; score: number }> = [];
  for (const entry of index.entries) {
    if (excluded.has(entry.id)) continue;
    const value = score(needle, entry);
    if (value > 0) scored.push({ entry, score: value });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.rank - b.entry.rank);
  return scored.slice(0, limit).map(({ entry }) => entry.entity);
}

/**
 * Autocomplete choices named `Name (id)` (with the display name when it
 * differs), ranked exact > prefix > word prefix > substring > subsequence on
 * name, display name and ID, ties in name order; at most 25, names and values
 * within Discord's 100 characters. An empty query lists the entities
 * `firstWhenEmpty` names first (the current and recent fronters), then the
 * rest by name.
 *
 * With `multi`, only the entry after the last comma is completed: earlier
 * entries are kept (as IDs in the value when they resolve) and the entities
 * they name are not offered again. A list too long for a choice value gets
 * no choices at all, since picking one would replace the user's text with a
 * shortened list.
 */
export function autocompleteChoices<T extends NamedEntity>(query: string, entities: readonly T[], options: AutocompleteOptions): Choice[] {
  const index = buildSearchIndex(entities) as SearchIndex<NamedEntity>;
  const parts = options.multi ? query.split(',') : [query];
  const typed = parts.pop() ?? '';
  const earlier = parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => readEarlierEntry(part, index));
  if (earlier.length === 0) {
    return ranked(typed, index, new Set(), options.firstWhenEmpty).map((entity) => ({ name: choiceLabel(entity, DiscordLimits.autocompleteChoiceName), value: entity.id }));
  }
  const excluded = new Set(earlier.flatMap((entry) => (entry.id === null ? [] : [entry.id])));
  const valueParts = earlier.map((entry) => entry.id ?? entry.label);
  const namePrefix = `${earlier.map((entry) => entry.label).join(', ')}, `;
  const choices: Choice[] = [];
  for (const entity of ranked(typed, index, excluded, options.firstWhenEmpty)) {
    const value = joinWithin([...valueParts, entity.id], DiscordLimits.autocompleteChoiceValue);
    if (value === null) continue;
    const own = choiceLabel(entity, NEW_ENTRY_LABEL_MAX);
    choices.push({ name: truncateStart(namePrefix, DiscordLimits.autocompleteChoiceName - own.length) + own, value });
  }
  return choices;
}

/** `a, b, c`, or `a,b,c` when the spaces would not fit; null when neither does. */
function joinWithin(parts: readonly string[], max: number): string | null {
  const spaced = parts.join(', ');
  if (spaced.length <= max) return spaced;
  const compact = parts.join(',');
  return compact.length <= max ? compact : null;
}
