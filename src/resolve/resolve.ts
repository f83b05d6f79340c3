import { safeName } from '../text/markdown.js';
import { buildSearchIndex, findMatch, type NamedEntity } from './search-index.js';
import { newSuggestionWork, suggestionsFor, type SuggestionWork } from './suggestions.js';

export type { NamedEntity } from './search-index.js';
export { MAX_SUGGESTIONS, suggestionsFor, type SuggestionWork } from './suggestions.js';

/** `work` (optional) adds up the "did you mean" work of the call, so its bound can be checked. */
export interface ResolveOptions {
  work?: SuggestionWork;
}

export type EntityKind = 'member' | 'group';

export type ResolveResult<T> =
  | { ok: true; entity: T }
  | { ok: false; reason: 'not-found' | 'ambiguous'; message: string; suggestions: T[] };

/** `corrected`: the list with each unknown entry replaced by its closest match, when each has one (a one-click "did you mean"). */
export type ResolveListResult<T> = { ok: true; entities: T[] } | { ok: false; message: string; corrected?: T[] };

/** Problems listed one by one before the rest are only counted, so the reply stays readable. */
const MAX_LISTED_PROBLEMS = 10;
const MAX_QUOTED_INPUT = 50;
const MAX_LISTED_AMBIGUOUS = 5;

/** `Name (id)`, safe to put in a message. */
export function entityLabel(entity: NamedEntity): string {
  return `${safeName(entity.name)} (${entity.id})`;
}

function quote(input: string): string {
  const short = input.length > MAX_QUOTED_INPUT ? `${input.slice(0, MAX_QUOTED_INPUT - 1)}…` : input;
  return `"${safeName(short)}"`;
}

type Unresolved<T> = { reason: 'not-found' | 'ambiguous'; input: string; candidates: T[] };

function findOne<T extends NamedEntity>(input: string, entities: readonly T[]): { entity: T } | Unresolved<T> {
  const match = findMatch(input, buildSearchIndex(entities));
  if (match.kind === 'one') return { entity: match.entity };
  if (match.kind === 'several') return { reason: 'ambiguous', input, candidates: match.entities };
  return { reason: 'not-found', input, candidates: [] };
}

function explain<T extends NamedEntity>(problem: Unresolved<T>, entities: readonly T[], kind: EntityKind, work: SuggestionWork): { message: string; suggestions: T[] } {
  if (problem.reason === 'ambiguous') {
    const listed = problem.candidates.slice(0, MAX_LISTED_AMBIGUOUS).map(entityLabel).join(', ');
    const more = problem.candidates.length > MAX_LISTED_AMBIGUOUS ? ` and ${problem.candidates.length - MAX_LISTED_AMBIGUOUS} more` : '';
    return {
      message: `More than one ${kind} is called ${quote(problem.input)}: ${listed}${more}. Use the ID instead.`,
      suggestions: problem.candidates,
    };
  }
  const suggestions = suggestionsFor(problem.input, entities, undefined, work);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(entityLabel).join(', ')}?` : '';
  return { message: `No ${kind} called ${quote(problem.input)} in your system.${hint}`, suggestions };
}

/**
 * Resolves a typed reference against the caller's own list: short ID (any
 * case, `abc-def`) or UUID first, then exact name, a `Name (id)` label, then
 * display name (case-insensitive), then the same ignoring accents, then
 * ignoring emoji and punctuation as well (`Alice` for `Alice 🌸`). Several
 * equally good matches are ambiguous, never a guess.
 */
export function resolveEntity<T extends NamedEntity>(input: string, entities: readonly T[], kind: EntityKind, options: ResolveOptions = {}): ResolveResult<T> {
  const trimmed = input.trim();
  const found = findOne(trimmed, entities);
  if ('entity' in found) return { ok: true, entity: found.entity };
  return { ok: false, reason: found.reason, ...explain(found, entities, kind, options.work ?? newSuggestionWork()) };
}

/**
 * A comma-separated list, resolved in the order given. Every unknown or
 * ambiguous entry and every repeat is reported in one message; the first ten
 * are spelled out (with "did you mean", all sharing one work budget) and
 * the rest only counted, so the work per call is one exact lookup per entry
 * plus at most one suggestion budget, however long the list.
 */
export function resolveEntityList<T extends NamedEntity>(input: string, entities: readonly T[], kind: EntityKind, options: ResolveOptions = {}): ResolveListResult<T> {
  const work = options.work ?? newSuggestionWork();
  const parts = input
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: `Give at least one ${kind}, separated by commas.` };
  const problems: Array<Unresolved<T> | { repeated: T }> = [];
  const resolved: T[] = [];
  const seen = new Set<string>();
  const reportedRepeats = new Set<string>();
  for (const part of parts) {
    const found = findOne(part, entities);
    if (!('entity' in found)) {
      problems.push(found);
      continue;
    }
    if (seen.has(found.entity.uuid)) {
      if (!reportedRepeats.has(found.entity.uuid)) problems.push({ repeated: found.entity });
      reportedRepeats.add(found.entity.uuid);
      continue;
    }
    seen.add(found.entity.uuid);
    resolved.push(found.entity);
  }
  if (problems.length === 0) return { ok: true, entities: resolved };
  const explained = problems
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((problem) => ('repeated' in problem ? { problem, message: `${entityLabel(problem.repeated)} is listed more than once.`, suggestions: [] } : { problem, ...explain(problem, entities, kind, work) }));
  const lines = explained.map((entry) => entry.message);
  if (problems.length > MAX_LISTED_PROBLEMS) lines.push(`…and ${problems.length - MAX_LISTED_PROBLEMS} more problems.`);
  const corrected = problems.length <= MAX_LISTED_PROBLEMS ? correctedList(parts, entities, explained) : undefined;
  return { ok: false, message: lines.join('\n'), ...(corrected ? { corrected } : {}) };
}

/**
 * The list as typed with every unknown entry replaced by its closest suggestion, or undefined when
 * that is not one clear list (an ambiguous or repeated entry, an unknown one without a suggestion,
 * or a suggestion that repeats another entry).
 */
function correctedList<T extends NamedEntity>(parts: readonly string[], entities: readonly T[], explained: ReadonlyArray<{ problem: Unresolved<T> | { repeated: T }; suggestions: T[] }>): T[] | undefined {
  const byInput = new Map<string, T>();
  for (const { problem, suggestions } of explained) {
    if ('repeated' in problem || problem.reason !== 'not-found' || suggestions.length === 0) return undefined;
    byInput.set(problem.input, suggestions[0]!);
  }
  const list = parts.map((part) => {
    const found = findOne(part, entities);
    return 'entity' in found ? found.entity : byInput.get(part)!;
  });
  return new Set(list.map((entity) => entity.uuid)).size === list.length ? list : undefined;
}
