import type { CorruptRecordError, StorageError } from '../stores/storage-errors.js';

/** What a user is told when the bot's own storage failed; the detail goes to the logs. */
export function describeStorageFault(error: StorageError): string {
  switch (error.fault) {
    case 'full':
      return "Switchboard can't save anything right now: its storage is full. Nothing was changed; please try again later.";
    case 'read-only':
      return "Switchboard can't save anything right now: its storage is read-only. Nothing was changed; please try again later.";
    case 'unavailable':
      return "Switchboard can't reach its storage right now, so nothing was changed. Please try again in a moment.";
  }
}

/** A stored prompt, pager or form that does not read back: it has been dropped. */
export function describeCorruptRecord(_error: CorruptRecordError): string {
  return "This prompt can't be used any more (what it saved was damaged), so nothing was changed. Run the command again.";
}
