/**
 * Everything the fake records goes through one signal; waiters re-check their
 * condition on every change instead of polling, and the condition also sees what
 * happened before the wait started, so a test can never miss an event.
 */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Resolves with the first non-undefined result of `check`; rejects with `check`'s
   * error, or on timeout with `describe()` so the failure says what was there instead.
   */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): boolean => {
        try {
          const value = check();
          if (value === undefined) return false;
          finish();
          resolve(value);
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(onChange);
      };
      const onChange = (): void => {
        attempt();
      };
      if (attempt()) return;
      this.listeners.add(onChange);
    });
  }
}

export const DEFAULT_WAIT_MS = 5_000;
