import { randomInt } from 'node:crypto';

/*
 * Opaque per-token keys for what the adapter remembers about a token after its request is over:
 * rate-limit buckets, which targets the token's system owns, which system the token belongs to.
 *
 * Why a seeded 64-bit fingerprint, computed on every call:
 * - A SHA-256 through node:crypto costs microseconds per call (most of it object churn around
 *   the native call); this is a few dozen multiplications, cheaper than the Map lookup a cache
 *   would need.
 * - A cache of keys would have to be looked up by the token, i.e. keep the plaintext token as a
 *   map key long after its request ended. Nothing here keeps a token.
 * - 64 bits of a 384-bit token cannot give the token back, and the seed is random per process,
 *   so a key means nothing outside it (nor in a log).
 * - Nothing that decides who sees what rests on these keys alone: two tokens with the same key
 *   (odds about n²/2⁶⁵ for n tokens) would share pacing and ownership guesses, and a write could
 *   drop the other system's public views for a few seconds. Shared reads compare the token itself
 *   before handing one caller's answer to another.
 */
export class TokenKeys {
  private readonly seed1: number;
  private readonly seed2: number;

  constructor(seed: number = randomInt(2 ** 32)) {
    this.seed1 = (seed ^ 0xdeadbeef) | 0;
    this.seed2 = (seed ^ 0x41c6ce57) | 0;
  }

  keyOf(token: string): string {
    let h1 = this.seed1;
    let h2 = this.seed2;
    for (let i = 0; i < token.length; i++) {
      const code = token.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2_654_435_761);
      h2 = Math.imul(h2 ^ code, 1_597_334_677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2_246_822_507) ^ Math.imul(h2 ^ (h2 >>> 13), 3_266_489_909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2_246_822_507) ^ Math.imul(h1 ^ (h1 >>> 13), 3_266_489_909);
    return `${h2 >>> 0}.${h1 >>> 0}`;
  }
}
