const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Real-looking, strictly increasing snowflakes, so ordering by id matches creation order. */
export function createSnowflakeGenerator(): () => string {
  let last = 0n;
  return () => {
    const candidate = (BigInt(Date.now()) - DISCORD_EPOCH_MS) << 22n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}
