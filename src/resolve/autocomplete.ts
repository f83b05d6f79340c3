import { DiscordLimits } from '../discord/limits.js';
import { truncate } from '../render/truncate.js';
import { resolveEntity, type NamedEntity } from './resolve.js';

export interface Choice {
  name: string;
  value: string;
}

interface SearchKey<T> {
  entity: T;
  id: string;
  name: string;
  displayName: string;
}

const indexes = new WeakMap<readonly NamedEntity[], SearchKey<NamedEntity>[]>();

/** Lower-cased search keys, computed once per list object. */
function searchIndex<T extends NamedEntity>(entities: readonly T[]): SearchKey<T>[] {
  let index = indexes.get(entities);
  if (!index) {
    index = entities.map((entity) => ({ entity, id: entity.id, name: entity.name.toLowerCase(), displayName: (entity.display_name ?? '').toLowerCase() }));
    indexes.set(entities, index);
  }
  return index as SearchKey<T>[];
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (let j = 0; j < haystack.length && i < needle.length; j++) if (haystack[j] === needle[i]) i++;
  return i === needle.length;
}

function score(query: string, key: SearchKey<NamedEntity>): number {
  if (query === '') return 1;
  let best = 0;
  for (const text of [key.name, key.displayName, key.id]) {
    if (!text) continue;
    if (text === query) best = Math.max(best, 4);
    else if (text.startsWith(query)) best = Math.max(best, 3);
    else if (text.includes(query)) best = Math.max(best, 2);
    else if (isSubsequence(query, text)) best = Math.max(best, 1);
  }
  return best;
}

function choiceName(entity: NamedEntity): string {
  const display = entity.display_name && entity.display_name !== entity.name ? ` “${entity.display_name}”` : '';
  const suffix = ` (${entity.id})`;
  return truncate(entity.name + display, DiscordLimits.autocompleteChoiceName - suffix.length) + suffix;
}

/**
 * Fuzzy choices `Name (id)`, at most 25. With `multi`, the entry after the last
 * comma is completed and the earlier entries are kept (as IDs when they resolve).
 */
export function autocompleteChoices<T extends NamedEntity>(query: string, entities: readonly T[], options: { multi: boolean }): Choice[] {
  let prefix: string[] = [];
  let typed = query;
  if (options.multi) {
    const parts = query.split(',');
    typed = parts.pop() ?? '';
    prefix = parts
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const resolved = resolveEntity(part, entities, 'member');
        return resolved.ok ? resolved.entity.id : part;
      });
  }
  const needle = typed.trim().toLowerCase();
  const excluded = new Set(prefix);
  const ranked = searchIndex(entities)
    .filter((key) => !excluded.has(key.id))
    .map((key) => ({ key, score: score(needle, key) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.key.name.localeCompare(b.key.name))
    .slice(0, DiscordLimits.autocompleteChoices);
  const head = prefix.length > 0 ? `${prefix.join(', ')}, ` : '';
  return ranked.map(({ key }) => {
    const value = head + key.id;
    const name = prefix.length > 0 ? truncate(`${head}${choiceName(key.entity)}`, DiscordLimits.autocompleteChoiceName) : choiceName(key.entity);
    // A value over the limit cannot be sent; fall back to completing the typed entry alone.
    return { name, value: value.length <= DiscordLimits.autocompleteChoiceValue ? value : key.id };
  });
}
