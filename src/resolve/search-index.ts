import { normalizeShortId, normalizeUuid } from '../pluralkit/refs.js';

/** The fields name resolution needs; real Member and Group objects fit. */
export interface NamedEntity {
  id: string;
  uuid: string;
  name: string;
  display_name: string | null;
}

export interface IndexedEntity<T> {
  entity: T;
  /** Lower-case short ID, as PluralKit stores it. */
  id: string;
  /** Search keys: lower-cased, accents removed, so `zoe` finds `Zoë`. */
  name: string;
  displayName: string;
  /** The same, bare: letters and digits only, so `alice` finds `Alice 🌸` (empty for a name of only emoji). */
  bareName: string;
  bareDisplayName: string;
  /** Position in name order, for stable ties. */
  rank: number;
}

export interface SearchIndex<T> {
  /** Every entity, in name order. */
  entries: IndexedEntity<T>[];
  byId: Map<string, T>;
  byUuid: Map<string, T>;
  /** Lower-cased names and display names; several entities may share one. */
  byName: Map<string, T[]>;
  byDisplayName: Map<string, T[]>;
  /** The same, with accents removed: a weaker match, tried after the exact ones. */
  byFoldedName: Map<string, T[]>;
  byFoldedDisplayName: Map<string, T[]>;
  /** Bare names and display names together (an entity once per key): the loosest match, taken only when unique. */
  byBareName: Map<string, T[]>;
}

/** Lower case without combining marks: the form searches compare. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The folded form with only letters and digits, in any script: `Alice 🌸` → `alice`,
 * `Mary-Jane` → `maryjane`, `さくら ✿` → `さくら`. Empty for a name of only emoji or punctuation.
 */
export function bareForSearch(text: string): string {
  return foldForSearch(text).replace(/[^\p{L}\p{N}]/gu, '');
}

const nameOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function addTo<T>(map: Map<string, T[]>, key: string, entity: T): void {
  if (key === '') return;
  const list = map.get(key);
  // An entity's name and display name may share a key: it is listed once (they are added one after the other).
  if (list?.at(-1) === entity) return;
  if (list) list.push(entity);
  else map.set(key, [entity]);
}

const indexes = new WeakMap<readonly NamedEntity[], SearchIndex<NamedEntity>>();

/**
 * Search keys for a list, computed once per list object (lists from the
 * cache are replaced, never mutated; a changed length still forces a rebuild).
 */
export function buildSearchIndex<T extends NamedEntity>(entities: readonly T[]): SearchIndex<T> {
  const cached = indexes.get(entities) as SearchIndex<T> | undefined;
  if (cached && cached.entries.length === entities.length) return cached;
  const ordered = [...entities].sort((a, b) => nameOrder.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index: SearchIndex<T> = {
    entries: ordered.map((entity, rank) => ({
      entity,
      id: entity.id.toLowerCase(),
      name: foldForSearch(entity.name),
      displayName: entity.display_name ? foldForSearch(entity.display_name) : '',
      bareName: bareForSearch(entity.name),
      bareDisplayName: entity.display_name ? bareForSearch(entity.display_name) : '',
      rank,
    })),
    byId: new Map(),
    byUuid: new Map(),
    byName: new Map(),
    byDisplayName: new Map(),
    byFoldedName: new Map(),
    byFoldedDisplayName: new Map(),
    byBareName: new Map(),
  };
  for (const entry of index.entries) {
    const { entity } = entry;
    index.byId.set(entry.id, entity);
    index.byUuid.set(entity.uuid.toLowerCase(), entity);
    addTo(index.byName, entity.name.toLowerCase(), entity);
    addTo(index.byFoldedName, entry.name, entity);
    addTo(index.byBareName, entry.bareName, entity);
    if (entity.display_name) {
      addTo(index.byDisplayName, entity.display_name.toLowerCase(), entity);
      addTo(index.byFoldedDisplayName, entry.displayName, entity);
      addTo(index.byBareName, entry.bareDisplayName, entity);
    }
  }
  indexes.set(entities, index as SearchIndex<NamedEntity>);
  return index;
}

/** `Name (abcdef)`, as autocomplete shows it: the ID in brackets at the end decides. */
const LABELLED_ID = /\(\s*([a-z]{5,6}|[a-z]{2,4}-[a-z]{2,4})\s*\)$/i;

export type Match<T> = { kind: 'one'; entity: T } | { kind: 'several'; entities: T[] } | { kind: 'none' };

/**
 * The entity a typed reference means, preferring (in order) a short ID or
 * UUID, an exact name (case-insensitive), a `Name (id)` label as autocomplete
 * writes them, an exact display name, then name and display name ignoring
 * accents, and last the bare name or display name (ignoring emoji and
 * punctuation too). Each step is tried only when every stricter one found
 * nothing, so an exact match always wins over a loose one; several matches
 * at one step are `several`, never a guess.
 */
export function findMatch<T extends NamedEntity>(input: string, index: SearchIndex<T>): Match<T> {
  const trimmed = input.trim();
  if (trimmed === '') return { kind: 'none' };
  const shortId = normalizeShortId(trimmed);
  const byShortId = shortId === null ? undefined : index.byId.get(shortId);
  if (byShortId) return { kind: 'one', entity: byShortId };
  const uuid = normalizeUuid(trimmed);
  const byUuid = uuid === null ? undefined : index.byUuid.get(uuid);
  if (byUuid) return { kind: 'one', entity: byUuid };
  const lower = trimmed.toLowerCase();
  const byName = fromList(index.byName.get(lower));
  if (byName) return byName;
  const labelled = LABELLED_ID.exec(trimmed);
  const labelledId = labelled ? normalizeShortId(labelled[1]!) : null;
  const byLabel = labelledId === null ? undefined : index.byId.get(labelledId);
  if (byLabel) return { kind: 'one', entity: byLabel };
  const folded = foldForSearch(trimmed);
  return (
    fromList(index.byDisplayName.get(lower)) ??
    fromList(index.byFoldedName.get(folded)) ??
    fromList(index.byFoldedDisplayName.get(folded)) ??
    fromList(index.byBareName.get(bareForSearch(trimmed))) ?? { kind: 'none' }
  );
}

function fromList<T>(matches: T[] | undefined): Match<T> | undefined {
  if (!matches || matches.length === 0) return undefined;
  return matches.length === 1 ? { kind: 'one', entity: matches[0]! } : { kind: 'several', entities: matches };
}
