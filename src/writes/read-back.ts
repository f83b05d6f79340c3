/*
 * A real read-back: after a write whose answer was lost, what PluralKit holds now is the result
 * only when it holds every value the body wrote, in the form PluralKit stores it.
 */

/** Decides a key PluralKit reports in another form (e.g. an unset name format); undefined: the usual rules. */
export type SameValue = (key: string, wanted: unknown, stored: unknown) => boolean | undefined;

type ProxyTagLike = { prefix?: string | null; suffix?: string | null };

function isProxyTagList(value: unknown): value is ProxyTagLike[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && ('prefix' in item || 'suffix' in item));
}

function equal(key: string, wanted: unknown, stored: unknown): boolean {
  // PluralKit stores empty and whitespace-only strings, and cleared fields, as null (API reference §1.8).
  if (wanted === null || (typeof wanted === 'string' && wanted.trim() === '')) return stored === null || stored === undefined || stored === '';
  // Proxy tags: empty parts are stored as null.
  if (isProxyTagList(wanted)) {
    const parts = (tags: ProxyTagLike[]) => JSON.stringify(tags.map((tag) => [tag.prefix || null, tag.suffix || null]));
    return isProxyTagList(stored) && parts(wanted) === parts(stored);
  }
  if (Array.isArray(wanted) || Array.isArray(stored)) return JSON.stringify(wanted) === JSON.stringify(stored);
  // Privacy and other nested objects: every key written must hold.
  if (typeof wanted === 'object' && typeof stored === 'object' && stored !== null) {
    return Object.entries(wanted as Record<string, unknown>).every(([inner, value]) => equal(inner, value, (stored as Record<string, unknown>)[inner]));
  }
  // Member and group colours are stored lower-cased.
  if (key === 'color' && typeof wanted === 'string' && typeof stored === 'string') return wanted.toLowerCase() === stored.toLowerCase();
  return wanted === stored;
}

/** Whether `entity` (as read back) holds what `body` wrote; `same` decides keys PluralKit reports in another form. */
export function holdsPatch(entity: object, body: Record<string, unknown>, same?: SameValue): boolean {
  const stored = entity as Record<string, unknown>;
  return Object.entries(body).every(([key, wanted]) => same?.(key, wanted, stored[key]) ?? equal(key, wanted, stored[key]));
}
