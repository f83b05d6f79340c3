const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** When a Discord ID was created. */
export function snowflakeToDate(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS));
}

export function isRecent(id: string, now: Date, withinMs: number): boolean {
  const age = now.getTime() - snowflakeToDate(id).getTime();
  return age >= 0 && age <= withinMs;
}
