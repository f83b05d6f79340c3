import { Refusal } from './refusal.js';
import type { ChangedSubject } from './refusal-codes.js';

/** For a confirmed change: refuse when what the prompt showed is no longer what is there. */
export function assertUnchanged(shown: string, now: string, subject: ChangedSubject): void {
  if (shown !== now) throw new Refusal('prompt.changed-since', { subject });
}
