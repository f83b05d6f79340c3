import type { ReplyMessage } from '../interaction/message.js';
import { discordTimestamp } from '../time/format.js';
import { checkingMinutes, unconfirmed, type LateVerdict, type LostWrite } from '../writes/writes.js';
import { describeRefusal } from './refusals.js';

/*
 * What the user hears about a write whose answer was lost while it is being checked, and of its
 * outcome when the reply could no longer carry it (see src/writes/writes.ts).
 */

/** The reply while PluralKit is read back again and again: never an invitation to repeat the write. */
export function renderStillChecking(write: LostWrite): ReplyMessage {
  const minutes = checkingMinutes(write);
  return {
    content:
      '⏳ PluralKit has not confirmed this change yet, and it is not there yet; it may still be saved. ' +
      `Switchboard keeps checking for up to ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and will update this message with the outcome. ` +
      'Please do not run it again meanwhile: it could be done twice.',
    components: [],
  };
}

/** The DM with the outcome of a write whose reply could no longer be updated. */
export function renderLateOutcome(write: LostWrite, verdict: LateVerdict): ReplyMessage {
  const asked = `About the change you asked for ${discordTimestamp(new Date(write.sentAt), 'f')}: `;
  switch (verdict) {
    case 'saved':
      return { content: `✅ ${asked}PluralKit has saved it. Its answer had been lost; see it with ${write.checkWith}.` };
    case 'not-saved':
      return { content: `❌ ${asked}${describeRefusal(unconfirmed(write, verdict))}` };
    case 'unknown':
      return { content: `⚠️ ${asked}${describeRefusal(unconfirmed(write, verdict))}` };
  }
}
