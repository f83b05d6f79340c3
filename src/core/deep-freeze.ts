/**
 * Freezes a parsed JSON value and everything in it, so a value handed to several callers (or kept
 * in a cache) cannot be changed by one of them behind the others' backs: a write to it throws
 * in strict-mode code (all ES modules) instead of silently leaking into another user's reply.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
