/*
 * The Lua scripts the Redis shared state runs: each is one atomic step on the server, timed by the
 * server's own clock (TIME), so instances whose clocks differ still agree.
 */

const NOW = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)`;

/**
 * GCRA over several buckets, all or none (the arithmetic of InProcessRateBuckets).
 * KEYS: the buckets; ARGV: interval and tolerance (ms) per bucket, in that order.
 * Returns {1, 0} when charged, {0, ms to wait} when not.
 */
export const TAKE_SCRIPT = `${NOW}
local wait = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  tats[i] = tat
  local ahead = tat - tonumber(ARGV[2 * i]) - now
  if ahead > wait then wait = ahead end
end
if wait > 0 then return {0, math.ceil(wait)} end
for i, key in ipairs(KEYS) do
  local tat = tats[i] + tonumber(ARGV[2 * i - 1])
  redis.call('SET', key, string.format('%.3f', tat), 'PX', math.ceil(tat - now) + 1000)
end
return {1, 0}`;

/**
 * Stores a cache entry and indexes it under its tag and under "all", so drops can find it.
 * KEYS: the entry, its tag's index, the index of all; ARGV: the JSON value, the lifetime in ms.
 * Indexes are sorted sets scored by expiry; expired members are trimmed on every set.
 */
export const CACHE_SET_SCRIPT = `${NOW}
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local expires = now + tonumber(ARGV[2])
for i = 2, 3 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  redis.call('ZADD', KEYS[i], expires, KEYS[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return 1`;

/** Deletes every entry the given indexes list, then the indexes. KEYS: the indexes. */
export const CACHE_DROP_SCRIPT = `for _, index in ipairs(KEYS) do
  for _, entry in ipairs(redis.call('ZRANGE', index, 0, -1)) do
    redis.call('DEL', entry)
  end
  redis.call('DEL', index)
end
return 1`;
