/** A refusal written for the operator, printed as one line; the command exits 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Runs an operator command and returns its exit code: 0, or 1 with the failure as one line on
 * `err`. CliFailure and ConfigError messages are written for operators; no other names a secret.
 */
export async function exitCodeOf(failurePrefix: string, err: (line: string) => void, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    err(`${failurePrefix}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
