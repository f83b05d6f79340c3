import { UserFacingError } from '../core/user-facing-error.js';
import { mayHaveBeenApplied } from '../pluralkit/errors.js';

/*
 * A write whose answer was lost may still have happened: a timeout after the request was sent, a
 * 5xx, a connection reset after the body went out. Inviting a blind retry then duplicates data
 * (a second switch, a second member), so every write goes through here: on an unknown outcome
 * PluralKit is asked what is true, and the user hears that.
 */

/** Writes wait this long for PluralKit (reads get 8 s): the interaction was deferred long before. */
export const WRITE_BUDGET_MS = 25_000;
/** A moment for a slow server to finish what it was doing before we look. */
const SETTLE_MS = 750;

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

export async function writeWithReadBack<T>(options: WriteOptions<T>): Promise<WriteResult<T>> {
  try {
    return { value: await options.write(Date.now() + WRITE_BUDGET_MS), readBack: false };
  } catch (error) {
    if (!mayHaveBeenApplied(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    let found: T | null;
    try {
      found = await options.readBack();
    } catch {
      throw new UserFacingError(
        `PluralKit did not answer, so it is not known whether the change was saved. Check ${options.checkWith} before trying again.`,
      );
    }
    if (found === null) {
      throw new UserFacingError('PluralKit did not confirm the change, and it is not there now: nothing was changed. You can try again.');
    }
    return { value: found, readBack: true };
  }
}
