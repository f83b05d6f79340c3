import type { Clock } from '../core/clock.js';
import { Refusal } from '../core/refusal.js';
import type { Logger } from '../logger.js';
import { mayHaveBeenApplied } from '../pluralkit/errors.js';

/*
 * A write whose answer was lost may still happen: after a timeout, a 5xx or a connection reset
 * PluralKit can store it seconds later (a write stored at 28 s, after our 25 s budget). Saying
 * "nothing was changed, try again" then makes the user do it twice. So every write goes through
 * `WriteSettler.withReadBack`: on an unknown outcome PluralKit is read back, again and again,
 * until the change is there or can no longer appear, and the user only ever hears what is true.
 *
 * Who hears what, and when:
 * - While the interaction's reply can still be edited (Discord: 15 minutes), the handler waits:
 *   after the first look misses, the reply says the change is still being checked; when the
 *   change turns up, the command answers as usual (marked as read back); when it is still not
 *   there once it can no longer appear (LATE_WRITE_HORIZON_MS after sending), the reply says
 *   nothing was changed; when it cannot be read, that it is not known and where to look.
 * - When the next look would come after the reply can no longer be edited, the reply says the
 *   outcome will come by DM, the handler ends, and the looks go on detached from the interaction;
 *   the outcome is sent as a DM (`WriteAudience.settledLate`), or only logged when the user does
 *   not take DMs from the bot.
 * - On shutdown (`stop`) every watch looks once more at once: found is saved, anything else is
 *   "not known, check before trying again" — in the reply, or by DM for a detached watch.
 */

/** Writes wait this long for PluralKit (reads get 8 s): the interaction was deferred long before. */
export const WRITE_BUDGET_MS = 25_000;
/**
 * How long after sending a write may still be stored. Far longer than any request stays in
 * PluralKit's hands; past it, a change that is not there will not appear.
 */
export const LATE_WRITE_HORIZON_MS = 5 * 60_000;
/** Waits before each look after the answer was lost: a moment for a slow server first, then less often. */
const LOOK_AFTER_MS = [750, 2_000, 5_000, 10_000, 20_000] as const;
const LOOK_EVERY_MS = 30_000;
/** Kept at the end of a reply's life for one more look and the answer. */
const ANSWER_MARGIN_MS = 60_000;

export interface WriteOptions<T> {
  write: (deadline: number) => Promise<T>;
  /**
   * Looks at PluralKit after a write whose outcome is unknown: the result when the change is
   * there, null when it is not. It should only read.
   */
  readBack: () => Promise<T | null>;
  /** Where the user can look before trying again, e.g. "`/switch history`". */
  checkWith: string;
}

export interface WriteResult<T> {
  value: T;
  /** The answer was lost and the result was read back from PluralKit. */
  readBack: boolean;
}

/** A write whose answer was lost, as the user hears of it. Times are on the settler's clock. */
export interface LostWrite {
  checkWith: string;
  sentAt: number;
  /** When checking ends: past it, a change that is not there will not appear. */
  checkingUntil: number;
}

/** How a write whose answer was lost ended, told after the reply could no longer say it. */
export type LateVerdict = 'saved' | 'not-saved' | 'unknown';

/** Who hears about writes whose answer was lost: the interaction that made them, or only the logs. */
export interface WriteAudience {
  readonly log: Logger;
  /** How long from now the reply can still be changed. */
  readonly answerableForMs: number;
  /** The reply says the write is still being checked. */
  stillChecking(write: LostWrite): Promise<void>;
  /** The outcome of a write the reply could no longer report: a DM, or at least a log line. */
  settledLate(write: LostWrite, verdict: LateVerdict): Promise<void>;
}

export interface WriteSettlerOptions {
  /** Times the looks (and the reply's life); tests pass one they move themselves. */
  clock: Clock;
  log: Logger;
  /** How long a write waits for PluralKit's answer; default WRITE_BUDGET_MS. */
  budgetMs?: number;
}

type Look<T> = { found: true; value: T } | { found: false; readable: boolean };
type Verdict<T> = { kind: 'saved'; value: T } | { kind: 'not-saved' | 'unknown' | 'reply-closing' };

interface Watch<T> {
  readonly options: WriteOptions<T>;
  readonly lost: LostWrite;
  looks: number;
}

/** What every interaction's view of the settler shares: the clock, the stop, the detached watches. */
interface SettlerState {
  readonly clock: Clock;
  readonly budgetMs: number;
  readonly stopping: AbortController;
  readonly detached: Set<Promise<void>>;
}

/** How long a lost write is checked for, in whole minutes. */
export function checkingMinutes(write: LostWrite): number {
  return Math.round((write.checkingUntil - write.sentAt) / 60_000);
}

/** The refusal that ends the checks of a write that was not found. */
export function unconfirmed(write: LostWrite, verdict: 'not-saved' | 'unknown'): Refusal<'write.not-saved' | 'write.outcome-unknown'> {
  return verdict === 'not-saved' ? new Refusal('write.not-saved', { minutes: checkingMinutes(write) }) : new Refusal('write.outcome-unknown', { checkWith: write.checkWith });
}

function waitBeforeLook(looksDone: number): number {
  return LOOK_AFTER_MS[looksDone] ?? LOOK_EVERY_MS;
}

/** Nobody to tell but the logs: writes made outside an interaction. */
function logOnly(log: Logger): WriteAudience {
  return {
    log,
    answerableForMs: Infinity,
    stillChecking: () => Promise.resolve(),
    settledLate: (write, verdict) => {
      log.warn({ verdict, checkWith: write.checkWith }, 'a write whose answer was lost settled with nobody to tell');
      return Promise.resolve();
    },
  };
}

export class WriteSettler {
  /** After this (on the clock) the reply can no longer carry the outcome. */
  private readonly replyUntil: number;

  private constructor(
    private readonly state: SettlerState,
    private readonly audience: WriteAudience,
  ) {
    this.replyUntil = state.clock.now() + audience.answerableForMs - ANSWER_MARGIN_MS;
  }

  static start(options: WriteSettlerOptions): WriteSettler {
    const state: SettlerState = { clock: options.clock, budgetMs: options.budgetMs ?? WRITE_BUDGET_MS, stopping: new AbortController(), detached: new Set() };
    return new WriteSettler(state, logOnly(options.log));
  }

  /** The same settler, telling `audience` (one interaction, bound as it starts) about lost answers. */
  for(audience: WriteAudience): WriteSettler {
    return new WriteSettler(this.state, audience);
  }

  /**
   * Runs `write` with the write budget; when its answer is lost, settles what is true (see the
   * top of this file). Resolves with the result, read back if need be; refuses with
   * `write.not-saved`, `write.outcome-unknown` or `write.outcome-by-dm`.
   */
  async withReadBack<T>(options: WriteOptions<T>): Promise<WriteResult<T>> {
    const sentAt = this.state.clock.now();
    try {
      // The PluralKit client measures deadlines on the wall clock.
      return { value: await options.write(Date.now() + this.state.budgetMs), readBack: false };
    } catch (error) {
      if (!mayHaveBeenApplied(error)) throw error;
      this.audience.log.warn({ err: error, checkWith: options.checkWith }, "PluralKit's answer to a write was lost: reading back");
    }
    const watch: Watch<T> = { options, lost: { checkWith: options.checkWith, sentAt, checkingUntil: sentAt + LATE_WRITE_HORIZON_MS }, looks: 0 };
    const verdict = await this.follow(watch, this.replyUntil, () => this.tellStillChecking(watch.lost));
    switch (verdict.kind) {
      case 'saved':
        return { value: verdict.value, readBack: true };
      case 'not-saved':
      case 'unknown':
        throw unconfirmed(watch.lost, verdict.kind);
      case 'reply-closing':
        this.detach(watch);
        throw new Refusal('write.outcome-by-dm', { checkWith: options.checkWith });
    }
  }

  /** Ends every watch: each looks once more at once. Resolves when detached ones have told their outcome. */
  async stop(): Promise<void> {
    this.state.stopping.abort();
    await Promise.allSettled([...this.state.detached]);
  }

  /**
   * Looks until the change is there, can no longer appear, or cannot be waited for: the settler
   * stops, or the next look would come after `until`.
   */
  private async follow<T>(watch: Watch<T>, until: number, afterFirstMiss?: () => Promise<void>): Promise<Verdict<T>> {
    const { clock, stopping } = this.state;
    for (;;) {
      const lookAt = Math.min(clock.now() + waitBeforeLook(watch.looks), watch.lost.checkingUntil);
      if (lookAt > until) return { kind: 'reply-closing' };
      await clock.sleep(Math.max(0, lookAt - clock.now()), stopping.signal);
      const look = await this.look(watch);
      if (look.found) return { kind: 'saved', value: look.value };
      if (stopping.signal.aborted) return { kind: 'unknown' };
      if (clock.now() >= watch.lost.checkingUntil) return { kind: look.readable ? 'not-saved' : 'unknown' };
      if (watch.looks === 1) await afterFirstMiss?.();
    }
  }

  private async look<T>(watch: Watch<T>): Promise<Look<T>> {
    watch.looks += 1;
    try {
      const found = await watch.options.readBack();
      return found === null ? { found: false, readable: true } : { found: true, value: found };
    } catch (error) {
      this.audience.log.warn({ err: error, look: watch.looks }, 'could not read back a write whose answer was lost');
      return { found: false, readable: false };
    }
  }

  private async tellStillChecking(write: LostWrite): Promise<void> {
    try {
      await this.audience.stillChecking(write);
    } catch (error) {
      this.audience.log.warn({ err: error }, 'could not say that a write is still being checked');
    }
  }

  /** Goes on looking after the handler ended; the outcome goes to `settledLate`. */
  private detach<T>(watch: Watch<T>): void {
    const { detached } = this.state;
    const told: Promise<void> = this.follow(watch, Infinity)
      .then((verdict) => this.audience.settledLate(watch.lost, verdict.kind === 'saved' || verdict.kind === 'not-saved' ? verdict.kind : 'unknown'))
      .catch((error: unknown) => this.audience.log.error({ err: error }, 'the late outcome of a write could not be told'))
      .finally(() => detached.delete(told));
    detached.add(told);
  }
}
