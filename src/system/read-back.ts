/*
 * A real read-back: after a write whose answer was lost, the entity read from PluralKit is the
 * result only when it holds every value the PATCH body wrote.
 */

export type SameValue = (key: string, wanted: unknown, stored: unknown) => boolean | undefined;

function equal(wanted: unknown, stored: unknown): boolean {
  // PluralKit stores empty and whitespace-only strings as null (API reference §1.8).
  if (typeof wanted === 'string' && wanted.trim() === '') return stored === null || stored === undefined;
  if (wanted === null) return stored === null || stored === undefined;
  if (Array.isArray(wanted) || Array.isArray(stored)) return JSON.stringify(wanted) === JSON.stringify(stored);
  if (typeof wanted === 'object' && typeof stored === 'object' && stored !== null) {
    return Object.entries(wanted as Record<string, unknown>).every(([key, value]) => equal(value, (stored as Record<string, unknown>)[key]));
  }
  return wanted === stored;
}

/** Whether `entity` holds what `body` wrote; `same` decides keys PluralKit reports in another form. */
export function holdsPatch(entity: object, body: Record<string, unknown>, same?: SameValue): boolean {
  const stored = entity as Record<string, unknown>;
  return Object.entries(body).every(([key, wanted]) => same?.(key, wanted, stored[key]) ?? equal(wanted, stored[key]));
}
