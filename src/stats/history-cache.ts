import { PluralKitError } from '../pluralkit/errors.js';
import type { SwitchSummary } from '../pluralkit/models.js';
import { coversSince, readFrontHistory, type FrontHistory, type ReadHistoryOptions, type SwitchPageFetcher } from './history-reader.js';
import type { Versions } from '../shared-state/shared-state.js';

export interface FrontHistoryCacheOptions {
  /** How long a read counts as fresh; default 2 minutes. */
  ttlMs?: number;
  /** Reads kept at most (least recently used go first); default 200. */
  maxEntries?: number;
  /** Switches kept over all entries, so a few huge histories cannot take all memory; default 300,000. */
  maxSwitches?: number;
  /**
   * Each system's switch-list version, shared by every instance (REDIS_URL): a read kept here is
   * dropped once another instance (or this one) changed the system's switches or privacy. Without
   * it only this instance's own writes drop reads.
   */
  versions?: Versions;
  now?: () => number;
}

export interface CachedReadRequest extends Omit<ReadHistoryOptions, 'continueFrom' | 'now'> {
  /**
   * Auth context and system, chosen by the caller: `public:<systemId>` for token-less reads,
   * `owner:<discordUserId>:<systemId>` for a user's own private view. Reads are never shared
   * between keys, so a private history never answers a public request.
   */
  key: string;
  /** The system's short ID, so `invalidate` can find every auth context's entry for it. */
  systemId: string;
  /**
   * A read of PluralKit's public view (no token): before a kept read answers, the newest switch is
   * asked for again, so a front history made private since (here, in `pk;` or on the dashboard)
   * is refused at once and a switch registered elsewhere is not missed.
   */
  publicView?: boolean;
}

interface Entry {
  systemId: string;
  history: FrontHistory;
  loadedAt: number;
}

/** A read under way that other callers for the same key and a range it covers can wait on. */
interface SharedRead {
  systemId: string;
  since: number | null;
  /** When the read stops, whatever it has read by then (undefined: it does not stop early). */
  deadline: number | undefined;
  promise: Promise<FrontHistory>;
  progress: Set<(switchesRead: number) => void>;
  lastProgress: number;
  controller: AbortController;
  /** Callers still waiting; when every one of them has aborted, the read is aborted too. */
  waiting: number;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

function normaliseSystemId(systemId: string): string {
  return systemId.trim().toLowerCase().replace(/-/g, '');
}

/** The key of a system's switch-list version among the shared versions. */
function versionKey(system: string): string {
  return `switches:${system}`;
}

function abortedError(): PluralKitError {
  return new PluralKitError({ kind: 'aborted', message: 'Reading the front history was aborted', method: 'GET', route: '/systems/{systemRef}/switches' });
}

/**
 * Recently read front histories per auth context and system. A read that reaches back further
 * serves any shorter range; a longer range continues an older read instead of starting over;
 * concurrent reads for the same key wait on one another instead of asking PluralKit twice.
 */
export class FrontHistoryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly shared = new Map<string, SharedRead[]>();
  /** Bumped per system by `invalidate`, so reads that started before it store nothing. */
  private readonly generations = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxSwitches: number;
  private readonly now: () => number;
  private readonly versions: Versions | undefined;
  /** System → the switch-list version its kept reads were made under (see `followVersion`). */
  private readonly readUnder = new Map<string, string | null>();
  private storedSwitches = 0;

  constructor(options: FrontHistoryCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 120_000;
    this.maxEntries = options.maxEntries ?? 200;
    this.maxSwitches = options.maxSwitches ?? 300_000;
    this.now = options.now ?? Date.now;
    this.versions = options.versions;
  }

  async read(request: CachedReadRequest, fetchPage: SwitchPageFetcher): Promise<FrontHistory> {
    const { key, since } = request;
    if (request.signal?.aborted) throw abortedError();
    // Only with shared versions: without them a read starts in the same tick it is asked for, so reads asked together join.
    if (this.versions) await this.followVersion(request.systemId);
    let entry = this.freshEntry(key);
    if (entry && request.publicView && !(await this.stillCurrent(key, entry, request, fetchPage))) entry = undefined;
    if (entry && coversSince(entry.history, since)) {
      this.touch(key, entry);
      request.onProgress?.(entry.history.switches.length);
      return { ...entry.history, requests: 0 };
    }
    const running = this.shared.get(key)?.find((read) => (read.since === null || (since !== null && read.since <= since)) && this.joinable(read, request.deadline));
    return this.wait(running ?? this.start(request, fetchPage, entry), request);
  }

  /**
   * Whether a kept public read still shows what PluralKit shows the public: its newest switch,
   * asked for again (one small request; the client keeps public answers a few seconds). When that
   * fails (a refusal: the history is private now; or no answer, so it cannot be known) the entry
   * is dropped and the error thrown; a different newest switch drops it too.
   */
  private async stillCurrent(key: string, entry: Entry, request: CachedReadRequest, fetchPage: SwitchPageFetcher): Promise<boolean> {
    let newest: SwitchSummary[];
    try {
      newest = await fetchPage({ limit: 1 }, { signal: request.signal, deadline: request.deadline });
    } catch (error) {
      this.remove(key);
      throw error;
    }
    const [now] = newest;
    const kept = entry.history.switches[0];
    const same = now === undefined ? kept === undefined : kept !== undefined && now.id === kept.id && now.timestamp === kept.timestamp && sameMembers(now.members, kept.members);
    if (!same) this.remove(key);
    return same;
  }

  /**
   * Drops this system's kept reads when its switch-list version moved since they were made (a
   * write through another instance); a system whose version was not noted counts as moved.
   */
  private async followVersion(systemId: string): Promise<void> {
    const system = normaliseSystemId(systemId);
    const stamp = await this.versions!.stamp(versionKey(system));
    if (this.readUnder.get(system) !== stamp) this.dropLocal(system);
    if (this.readUnder.size >= this.maxEntries * 10) this.readUnder.clear();
    this.readUnder.set(system, stamp);
  }

  /**
   * After our own switch or privacy writes: every auth context's read of this system is dropped,
   * on every instance. Settled once no instance will serve them.
   */
  async invalidate(systemId: string): Promise<void> {
    const system = normaliseSystemId(systemId);
    this.dropLocal(system);
    await this.versions?.change(versionKey(system));
  }

  private dropLocal(system: string): void {
    this.generations.set(system, (this.generations.get(system) ?? 0) + 1);
    for (const [key, entry] of this.entries) {
      if (entry.systemId === system) this.remove(key);
    }
    // Reads under way may have missed the write: they still answer their callers, but no one new joins them.
    for (const [key, reads] of this.shared) {
      if (reads.some((read) => read.systemId === system)) this.shared.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * A read under way is joined only if it stops when the caller must, give or take a tenth of the
   * caller's time: not a member card's 2.5 s read for /stats, which has minutes to read the whole
   * history, nor a /stats read for a member card, which cannot wait that long. (Their pages are
   * still shared while in step: identical requests in flight are one request in the client.)
   */
  private joinable(read: SharedRead, deadline: number | undefined): boolean {
    if (read.deadline === undefined || deadline === undefined) return read.deadline === deadline;
    const grace = Math.max(0, deadline - this.now()) / 10;
    return read.deadline <= deadline && read.deadline >= deadline - grace;
  }

  private freshEntry(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.loadedAt >= this.ttlMs) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  private start(request: CachedReadRequest, fetchPage: SwitchPageFetcher, partial: Entry | undefined): SharedRead {
    const { key, since } = request;
    const systemId = normaliseSystemId(request.systemId);
    const generation = this.generations.get(systemId) ?? 0;
    const controller = new AbortController();
    const progress = new Set<(switchesRead: number) => void>();
    const promise = readFrontHistory(fetchPage, {
      since,
      deadline: request.deadline,
      signal: controller.signal,
      longRead: request.longRead,
      // A fresh read of a shorter range is continued rather than read again from now.
      continueFrom: partial?.history,
      now: this.now,
      onProgress: (count) => {
        read.lastProgress = count;
        for (const listener of progress) listener(count);
      },
    })
      .then((history) => {
        if ((this.generations.get(systemId) ?? 0) === generation) this.store(key, systemId, history, partial?.loadedAt ?? this.now());
        return history;
      })
      .finally(() => this.forgetShared(key, read));
    const read: SharedRead = { systemId, since, deadline: request.deadline, promise, progress, lastProgress: 0, controller, waiting: 0 };
    this.shared.set(key, [...(this.shared.get(key) ?? []), read]);
    return read;
  }

  private forgetShared(key: string, read: SharedRead): void {
    const others = (this.shared.get(key) ?? []).filter((other) => other !== read);
    if (others.length > 0) this.shared.set(key, others);
    else this.shared.delete(key);
  }

  /** One caller's wait on a shared read: its own progress and its own abort. */
  private wait(read: SharedRead, request: CachedReadRequest): Promise<FrontHistory> {
    const { signal, onProgress } = request;
    if (signal?.aborted) return Promise.reject(abortedError());
    read.waiting++;
    if (onProgress) {
      read.progress.add(onProgress);
      if (read.lastProgress > 0) onProgress(read.lastProgress);
    }
    return new Promise<FrontHistory>((resolve, reject) => {
      const leave = (): void => {
        read.waiting--;
        if (onProgress) read.progress.delete(onProgress);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        leave();
        if (read.waiting === 0) read.controller.abort();
        reject(abortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      read.promise.then(
        (history) => {
          leave();
          resolve(history);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  private store(key: string, systemId: string, history: FrontHistory, loadedAt: number): void {
    this.remove(key);
    if (history.switches.length > this.maxSwitches) return;
    this.entries.set(key, { systemId, history: { ...history, requests: 0 }, loadedAt });
    this.storedSwitches += history.switches.length;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.storedSwitches <= this.maxSwitches) break;
      this.remove(oldest);
    }
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.storedSwitches -= entry.history.switches.length;
    this.entries.delete(key);
  }
}
