import { boundedDistance, MAX_COMPARED_LENGTH, type DistanceWork } from './bounded-distance.js';
import { bareForSearch, buildSearchIndex, foldForSearch, type IndexedEntity, type NamedEntity, type SearchIndex } from './search-index.js';

/*
 * "Did you mean" for an unknown name, with the work per call bounded
 * whatever the input and the list: a 64-letter typo against 5,000 members
 * with 64-letter names must not block the event loop.
 *
 * Closeness is measured on bare names (letters and digits only, so the emoji
 * and punctuation around a name neither hide it nor make a stranger look
 * closer): 0 for a containment, otherwise the edit distance over the longer
 * length (first 64 characters), and only up to 0.5 counts.
 * What changed is how little is computed to find the same answers:
 * - a length-difference and a character-count bound (both lower bounds of
 *   the distance) throw out most names before any distance is computed;
 * - distances are computed likeliest first (smallest bound), banded, with a
 *   cutoff that tightens to the worst suggestion kept, and the search stops
 *   once no bound left can beat it, or once enough containments are found;
 * - a work object caps the cells computed and the names looked at: past
 *   that, the answer is the best of what was measured (the likeliest names,
 *   so a real typo is still found first).
 */

/** How many close matches a "did you mean" offers. */
export const MAX_SUGGESTIONS = 3;
/** Farthest a suggestion may be: half of the longer text edited. */
const MAX_CLOSENESS = 0.5;
/**
 * Work allowed per work object (one resolution call, however many entries
 * it explains). Real typos against 5,000 names use a small part of it; a
 * worst case stops here after a few milliseconds, with what it found so far.
 */
export const SUGGESTION_CELL_BUDGET = 400_000;
/** Entities looked at per work object: ten unknown entries against a 6,000-member list. */
export const SUGGESTION_EXAMINE_BUDGET = 60_000;
/** Longest input searched for containments; longer text is cut (nobody's name is that long). */
const MAX_NEEDLE_LENGTH = 256;

export interface SuggestionWork extends DistanceWork {
  /** Entities looked at. */
  examined: number;
  /** True when a budget ran out before every entity was looked at: the suggestions are the best of those seen. */
  exhausted: boolean;
}

export function newSuggestionWork(): SuggestionWork {
  return { examined: 0, distances: 0, cells: 0, exhausted: false };
}

/**
 * One bucket per letter a–z and per digit (names like "Member 12" and
 * "Member 4999" differ mostly in digits), one for space, and eleven for
 * everything else.
 */
const SIGNATURE_SIZE = 48;

/** Character counts of a compared text: two texts' counts bound their distance from below. */
function signature(text: string): Uint8Array {
  const counts = new Uint8Array(SIGNATURE_SIZE);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const bucket = code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 48 + 26 : code === 32 ? 36 : 37 + (code % 11);
    counts[bucket]!++;
  }
  return counts;
}

/**
 * A lower bound of the edit distance from character counts: each edit
 * removes at most one surplus character from each side, so the distance is
 * at least the larger surplus. Merged buckets only make the bound weaker.
 */
function countBound(a: Uint8Array, b: Uint8Array): number {
  let surplusA = 0;
  let surplusB = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const difference = a[i]! - b[i]!;
    if (difference > 0) surplusA += difference;
    else surplusB -= difference;
  }
  return Math.max(surplusA, surplusB);
}

interface SearchKey {
  /** The whole key, for containment. */
  full: string;
  /** Its first 64 characters, for distance. */
  compared: string;
  counts: Uint8Array;
}

interface PreparedEntry {
  entry: IndexedEntity<NamedEntity>;
  keys: SearchKey[];
}

const prepared = new WeakMap<SearchIndex<NamedEntity>, PreparedEntry[]>();

/** What suggestions compare: the bare form, or the folded one for text that is only emoji or punctuation. */
export function suggestionText(text: string): string {
  return bareForSearch(text) || foldForSearch(text.trim());
}

function searchKey(text: string): SearchKey {
  const compared = text.slice(0, MAX_COMPARED_LENGTH);
  return { full: text, compared, counts: signature(compared) };
}

/** Name, display name and ID keys with their counts, once per index (indexes are cached per list). */
function prepare(index: SearchIndex<NamedEntity>): PreparedEntry[] {
  const cached = prepared.get(index);
  if (cached) return cached;
  const entries = index.entries.map((entry) => ({
    entry,
    keys: [entry.bareName || entry.name, entry.bareDisplayName || entry.displayName, entry.id].filter((key) => key !== '').map(searchKey),
  }));
  prepared.set(index, entries);
  return entries;
}

/** One shared letter is not a resemblance, so containment needs two (or three) characters. */
function contains(needle: string, key: string): boolean {
  return (needle.length >= 2 && key.includes(needle)) || (key.length >= 3 && needle.includes(key));
}

interface Kept {
  /** Position of the entry in name order: its rank, and the tie-break. */
  position: number;
  score: number;
}

/** Resolution of the bound in pass 2's sort keys, and room below it for the candidate's index. */
const BOUND_STEPS = 1024;
const INDEX_SPAN = 2 ** 24;

/** Largest distance that can still make it into the kept suggestions (ties allowed: they are settled on name order). */
function cutoffFor(length: number, cap: number): number {
  return Math.floor(cap * length + 1e-9);
}

/** Keeps the best `limit` scores, an entity once, ties in name order. */
function keep(kept: Kept[], position: number, score: number, limit: number): void {
  const existing = kept.findIndex((entry) => entry.position === position);
  if (existing !== -1) kept.splice(existing, 1);
  kept.push({ position, score });
  kept.sort((a, b) => a.score - b.score || a.position - b.position);
  if (kept.length > limit) kept.pop();
}

/**
 * Closest entities by name, display name or ID, for "did you mean": closest
 * first, ties in name order, at most `limit`. `work` (optional) adds up what
 * was spent, so callers and tests can see the bound hold; a work object
 * shared between calls shares one budget.
 *
 * Two passes. The first, in name order, finds containments (score 0: three
 * of them end the search) and gives every other name a cheap lower bound of
 * its distance. The second computes distances closest-bound first, so the
 * likely answers come early, the cutoff tightens to the worst one kept, and
 * the search stops when no bound left can beat it.
 */
export function suggestionsFor<T extends NamedEntity>(input: string, entities: readonly T[], limit = MAX_SUGGESTIONS, work: SuggestionWork = newSuggestionWork()): T[] {
  const needle = suggestionText(input).slice(0, MAX_NEEDLE_LENGTH);
  if (needle === '' || limit <= 0) return [];
  const compared = needle.slice(0, MAX_COMPARED_LENGTH);
  const needleCounts = signature(compared);
  const entries = prepare(buildSearchIndex(entities) as SearchIndex<NamedEntity>);
  const kept: Kept[] = [];

  // Pass 1: containments, and a lower bound for every name worth a distance (parallel arrays: no allocation per name).
  const measuring = work.cells < SUGGESTION_CELL_BUDGET;
  const positions: number[] = [];
  const keyIndexes: number[] = [];
  const lowers: number[] = [];
  const lengths: number[] = [];
  let containments = 0;
  for (let position = 0; position < entries.length; position++) {
    // In name order, so once enough containments are found nothing later can beat them.
    if (containments === limit) break;
    if (work.examined >= SUGGESTION_EXAMINE_BUDGET) {
      work.exhausted = true;
      break;
    }
    work.examined++;
    const { keys } = entries[position]!;
    if (keys.some((key) => contains(needle, key.full))) {
      keep(kept, position, 0, limit);
      containments++;
      continue;
    }
    if (!measuring) continue;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const length = Math.max(compared.length, key.compared.length);
      const loose = cutoffFor(length, MAX_CLOSENESS);
      const lengthGap = Math.abs(compared.length - key.compared.length);
      if (lengthGap > loose) continue;
      const lower = Math.max(lengthGap, countBound(needleCounts, key.counts));
      if (lower > loose) continue;
      positions.push(position);
      keyIndexes.push(k);
      lowers.push(lower);
      lengths.push(length);
    }
  }
  if (!measuring) work.exhausted = true;
  if (containments === limit || positions.length === 0) return kept.map(({ position }) => entries[position]!.entry.entity as T);

  // Pass 2: distances, most promising first. Sort keys pack the bound (rounded down to 1/1024) above the
  // candidate's index, which is in name order, so a typed-array sort orders by bound, then by name.
  const order = new Float64Array(positions.length);
  for (let c = 0; c < positions.length; c++) order[c] = Math.floor((lowers[c]! / lengths[c]!) * BOUND_STEPS) * INDEX_SPAN + c;
  order.sort();
  const bestOf = new Map<number, number>();
  for (const sortKey of order) {
    const c = sortKey % INDEX_SPAN;
    const worst = kept.length === limit ? kept[limit - 1]!.score : MAX_CLOSENESS;
    // Bounds only grow from here: once even the rounded-down bound is past the worst kept, nothing left can get in.
    if ((sortKey - c) / INDEX_SPAN / BOUND_STEPS > worst) break;
    if (work.cells >= SUGGESTION_CELL_BUDGET) {
      work.exhausted = true;
      break;
    }
    const position = positions[c]!;
    const length = lengths[c]!;
    const previous = bestOf.get(position);
    const cutoff = cutoffFor(length, Math.min(worst, previous ?? MAX_CLOSENESS));
    if (lowers[c]! > cutoff) continue;
    const distance = boundedDistance(compared, entries[position]!.keys[keyIndexes[c]!]!.compared, cutoff, work);
    if (distance > cutoff) continue;
    const score = distance / length;
    if (previous !== undefined && score >= previous) continue;
    bestOf.set(position, score);
    keep(kept, position, score, limit);
  }
  return kept.map(({ position }) => entries[position]!.entry.entity as T);
}
