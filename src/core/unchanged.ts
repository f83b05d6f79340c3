import { UserFacingError } from './user-facing-error.js';

/** For a confirmed change: refuse when what the prompt showed is no longer what is there. */
export function assertUnchanged(shown: string, now: string, what: string): void {
  if (shown !== now) {
    throw new UserFacingError(`${what} changed since this prompt was shown, so nothing was done. Run the command again to see the current state.`);
  }
}
