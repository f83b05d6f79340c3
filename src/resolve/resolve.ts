import { normalizeShortId, normalizeUuid } from '../pluralkit/refs.js';

/** The fields name resolution needs; real Member and Group objects fit. */
export interface NamedEntity {
  id: string;
  uuid: string;
  name: string;
  display_name: string | null;
}

export type EntityKind = 'member' | 'group';

export type ResolveResult<T> =
  | { ok: true; entity: T }
  | { ok: false; reason: 'not-found' | 'ambiguous'; message: string; suggestions: T[] };

export type ResolveListResult<T> = { ok: true; entities: T[] } | { ok: false; message: string };

export function entityLabel(entity: NamedEntity): string {
  return `${entity.name} (${entity.id})`;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** Closest entities by name or display name, for "did you mean". */
export function suggestionsFor<T extends NamedEntity>(input: string, entities: readonly T[], limit = 3): T[] {
  const needle = input.toLowerCase();
  return entities
    .map((entity) => {
      const names = [entity.name, entity.display_name].filter((n): n is string => !!n).map((n) => n.toLowerCase());
      const score = Math.min(...names.map((n) => (n.includes(needle) || needle.includes(n) ? 0 : editDistance(needle, n) / Math.max(needle.length, n.length))));
      return { entity, score };
    })
    .filter((entry) => entry.score <= 0.5)
    .sort((a, b) => a.score - b.score || a.entity.name.localeCompare(b.entity.name))
    .slice(0, limit)
    .map((entry) => entry.entity);
}

/**
 * Resolves a typed reference against the caller's own list: short ID (any
 * case, `abc-def`), UUID, then exact name, then display name (case-insensitive).
 */
export function resolveEntity<T extends NamedEntity>(input: string, entities: readonly T[], kind: EntityKind): ResolveResult<T> {
  const trimmed = input.trim();
  const shortId = normalizeShortId(trimmed);
  const uuid = normalizeUuid(trimmed);
  const byId = entities.find((e) => (shortId !== null && e.id === shortId) || (uuid !== null && e.uuid === uuid));
  if (byId) return { ok: true, entity: byId };
  const lower = trimmed.toLowerCase();
  for (const field of ['name', 'display_name'] as const) {
    const matches = entities.filter((e) => e[field]?.toLowerCase() === lower);
    if (matches.length === 1) return { ok: true, entity: matches[0]! };
    if (matches.length > 1) {
      return {
        ok: false,
        reason: 'ambiguous',
        message: `More than one ${kind} is called "${trimmed}": ${matches.slice(0, 5).map(entityLabel).join(', ')}. Use the ID instead.`,
        suggestions: matches,
      };
    }
  }
  const suggestions = suggestionsFor(trimmed, entities);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map(entityLabel).join(', ')}?` : '';
  return { ok: false, reason: 'not-found', message: `No ${kind} called "${trimmed}" in your system.${hint}`, suggestions };
}

/** A comma-separated list, resolved in order; every problem is reported at once. */
export function resolveEntityList<T extends NamedEntity>(input: string, entities: readonly T[], kind: EntityKind): ResolveListResult<T> {
  const parts = input.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: `Give at least one ${kind}, separated by commas.` };
  const problems: string[] = [];
  const resolved: T[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const result = resolveEntity(part, entities, kind);
    if (!result.ok) {
      problems.push(result.message);
      continue;
    }
    if (seen.has(result.entity.uuid)) {
      problems.push(`${entityLabel(result.entity)} is listed more than once.`);
      continue;
    }
    seen.add(result.entity.uuid);
    resolved.push(result.entity);
  }
  return problems.length > 0 ? { ok: false, message: problems.join('\n') } : { ok: true, entities: resolved };
}
