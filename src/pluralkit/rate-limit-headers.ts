/** PluralKit's X-RateLimit-* response headers (reference §5). */

export interface RateLimitHeaders {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms, already converted from the header's Unix seconds. */
  resetAtMs: number | null;
  scope: string | null;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function finiteNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Shared, never mutated: the common case allocates nothing. */
export const NO_RATE_LIMIT_HEADERS: RateLimitHeaders = Object.freeze({ limit: null, remaining: null, resetAtMs: null, scope: null });

/** Reads X-RateLimit-*; Reset is Unix seconds (the docs say ms, the server sends seconds). */
export function parseRateLimitHeaders(headers: Record<string, string | string[] | undefined>): RateLimitHeaders {
  if (
    headers['x-ratelimit-scope'] === undefined &&
    headers['x-ratelimit-limit'] === undefined &&
    headers['x-ratelimit-remaining'] === undefined &&
    headers['x-ratelimit-reset'] === undefined
  ) {
    return NO_RATE_LIMIT_HEADERS;
  }
  const reset = finiteNumber(header(headers, 'x-ratelimit-reset'));
  return {
    limit: finiteNumber(header(headers, 'x-ratelimit-limit')),
    remaining: finiteNumber(header(headers, 'x-ratelimit-remaining')),
    // A value this large can only be milliseconds; anything else is seconds.
    resetAtMs: reset === null ? null : reset > 1e11 ? reset : reset * 1000,
    scope: header(headers, 'x-ratelimit-scope'),
  };
}
