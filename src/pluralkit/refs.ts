/*
 * Entity references (reference §1.5). Path refs are resolved leniently by the server, but refs
 * inside JSON bodies are compared by exact string equality with the stored lowercase short ID
 * (no dash) or the lowercase hyphenated UUID, so everything we send goes through these helpers.
 */

const SHORT_ID = /^[a-z]{5,6}$/i;
const DASHED_SHORT_ID = /^[a-z]+-[a-z]+$/i;
const UUID_HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_COMPACT = /^[0-9a-f]{32}$/i;
const SNOWFLAKE = /^\d{17,19}$/;

/** Short ID in any case, optionally with one dash between letters (`ABC-DEF`). */
export function isShortId(ref: string): boolean {
  return normalizeShortId(ref) !== null;
}

export function isUuid(ref: string): boolean {
  return normalizeUuid(ref) !== null;
}

/** Discord snowflake as the server accepts it for account refs (17–19 digits). */
export function isSnowflake(ref: string): boolean {
  return SNOWFLAKE.test(ref);
}

/** Lowercase, dash-free short ID, or null if `ref` is not a short ID. */
export function normalizeShortId(ref: string): string | null {
  const trimmed = ref.trim();
  if (DASHED_SHORT_ID.test(trimmed)) {
    const joined = trimmed.replace('-', '');
    return SHORT_ID.test(joined) ? joined.toLowerCase() : null;
  }
  return SHORT_ID.test(trimmed) ? trimmed.toLowerCase() : null;
}

/** Lowercase hyphenated UUID (accepts upper case, no dashes, or braces), or null. */
export function normalizeUuid(ref: string): string | null {
  let trimmed = ref.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) trimmed = trimmed.slice(1, -1);
  if (UUID_HYPHENATED.test(trimmed)) return trimmed.toLowerCase();
  if (UUID_COMPACT.test(trimmed)) {
    const hex = trimmed.toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return null;
}

/** Member or group ref: short ID or UUID, normalised the way the server stores it; else null. */
export function normalizeEntityRef(ref: string): string | null {
  return normalizeShortId(ref) ?? normalizeUuid(ref);
}

export const normalizeMemberRef = normalizeEntityRef;
export const normalizeGroupRef = normalizeEntityRef;

/** System ref: short ID, UUID or Discord account ID (not `@me`, which needs a token); else null. */
export function normalizeSystemRef(ref: string): string | null {
  const trimmed = ref.trim();
  if (isSnowflake(trimmed)) return trimmed;
  return normalizeEntityRef(trimmed);
}

/** Switch refs must be UUIDs (anything else makes the server answer 500). */
export function normalizeSwitchRef(ref: string): string | null {
  return normalizeUuid(ref);
}
