/** Discord's epoch (2015-01-01T00:00:00Z), the zero point of snowflake timestamps. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

const MAX_SNOWFLAKE = (1n << 64n) - 1n;
/** A snowflake claiming to be newer than this much past "now" was not made by Discord. */
const MAX_FUTURE_MS = 86_400_000;

/** When a Discord ID was created. Throws a RangeError for text that is not an ID. */
export function snowflakeToDate(id: string): Date {
  if (!/^\d{1,20}$/.test(id)) throw new RangeError('Not a Discord ID');
  return new Date(Number((BigInt(id) >> 22n) + BigInt(DISCORD_EPOCH_MS)));
}

/**
 * Whether `id` can be a real Discord ID: 17–20 digits, within 64 bits, and
 * created between Discord's epoch and (about) now.
 */
export function isValidSnowflake(id: string, now: Date = new Date()): boolean {
  if (!/^\d{17,20}$/.test(id) || BigInt(id) > MAX_SNOWFLAKE) return false;
  const created = snowflakeToDate(id).getTime();
  return created > DISCORD_EPOCH_MS && created <= now.getTime() + MAX_FUTURE_MS;
}

/**
 * Whether the message `id` was sent within `withinMs` before `now` (a minute
 * of clock skew into the future counts as recent too). PluralKit maps a
 * trigger message to its proxied message for only 30 minutes, so a failed
 * lookup of a recent message deserves a different explanation.
 */
export function isRecent(id: string, now: Date, withinMs: number): boolean {
  const age = now.getTime() - snowflakeToDate(id).getTime();
  return age >= -60_000 && age <= withinMs;
}
