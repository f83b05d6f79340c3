import type { ClaimRefusal } from '../stores/interaction-state/interaction-state-store.js';

/** What a press of a prompt's button is told when the prompt cannot take it. */
export const PROMPT_REFUSALS: Record<Exclude<ClaimRefusal, 'not-yours'>, string> = {
  unknown: 'This prompt is not valid any more. Run the command again.',
  expired: 'This prompt has expired (prompts last 5 minutes), so nothing was changed. Run the command again.',
  cancelled: 'This prompt was cancelled, so nothing was changed. Run the command again if you still want to.',
  'already-done': 'This prompt was already answered.',
  'in-progress': 'Already on it: this prompt was just confirmed.',
};

export const promptBelongsTo = (userId: string): string => `This prompt belongs to <@${userId}>; only they can answer it.`;

export const CANCELLED_TEXT = 'Cancelled: nothing was changed.';

export const listGone = (usage: string): string => `This list is not available any more. Run \`${usage}\` again.`;
export const listBelongsTo = (userId: string, usage: string): string => `Only <@${userId}> can page through this list; run \`${usage}\` yourself.`;
export const listExpired = (usage: string): string => `This list has expired. Run \`${usage}\` again.`;
export const PAGE_UNAVAILABLE_TEXT = 'That page is not available.';

export const FORM_GONE_TEXT = 'This form is not available any more (forms stay open for 30 minutes). Run the command again.';
