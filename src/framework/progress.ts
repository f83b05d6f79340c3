import type { CommandContext } from './command.js';
import type { ReplyMessage } from '../interaction/message.js';

/** Discord lets an interaction's messages be edited for 15 minutes; stop work a little before. */
export const INTERACTION_LIFETIME_MS = 15 * 60_000;
const FINISHING_MARGIN_MS = 45_000;

/** When long work must stop to still answer in time. */
export function workDeadline(startedAt = Date.now()): number {
  return startedAt + INTERACTION_LIFETIME_MS - FINISHING_MARGIN_MS;
}

/**
 * Shows progress of long work in the pending reply, at most once per `everyMs` (the first
 * update waits that long too, so quick work never flickers).
 */
export function throttledProgress<T>(ctx: CommandContext, render: (value: T) => ReplyMessage, everyMs = 1500): (value: T) => void {
  let last = Date.now();
  return (value) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    void ctx.reply.progress(render(value)).catch((error: unknown) => ctx.log.warn({ err: error }, 'progress update failed'));
  };
}
