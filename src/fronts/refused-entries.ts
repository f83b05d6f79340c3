import type { EntryRefusalReason, RefusedEntries } from './front-file.js';
import type { Micros } from './instant.js';

/** Counts what is left out of an import, by reason, keeping the earliest time of each. */
export class RefusedEntryTally {
  private readonly byReason = new Map<EntryRefusalReason, RefusedEntries>();

  constructor(from: readonly RefusedEntries[] = []) {
    for (const entry of from) this.add(entry.reason, entry.firstAt, entry.count);
  }

  add(reason: EntryRefusalReason, at: Micros | null, count = 1): void {
    const tally = this.byReason.get(reason);
    if (!tally) {
      this.byReason.set(reason, { reason, count, firstAt: at });
      return;
    }
    tally.count += count;
    if (at !== null && (tally.firstAt === null || at < tally.firstAt)) tally.firstAt = at;
  }

  list(): RefusedEntries[] {
    return [...this.byReason.values()];
  }
}
