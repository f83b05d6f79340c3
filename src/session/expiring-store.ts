import { randomBytes } from 'node:crypto';

/**
 * Short-lived, in-memory state behind buttons whose data does not fit a
 * 100-character custom ID (a pending switch edit, a history view's page
 * cursors). Entries expire; a press after expiry gets a clear "run it again".
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a value under a fresh 12-character key. */
  put(value: T): string {
    this.sweep();
    const key = randomBytes(9).toString('base64url');
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return key;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Replaces a live entry's value (e.g. a history view that learnt a new cursor). */
  update(key: string, value: T): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) return false;
    entry.value = value;
    return true;
  }

  /** Takes a value out, so a confirmation cannot be applied twice. */
  take(key: string): T | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break; // insertion order ≈ expiry order
      this.entries.delete(key);
    }
  }
}
