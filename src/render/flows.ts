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
export const formBelongsTo = (userId: string): string => `This form belongs to <@${userId}>.`;
export const FORM_ALREADY_SUBMITTED_TEXT = 'This form was already submitted.';

export const buttonGone = (command: string): string => `This button is not valid any more. Run \`/${command}\` again.`;
export const unknownCommandPath = (path: string): string => `\`/${path}\` is not a command Switchboard knows. See \`/help\`.`;
export const MENU_ENTRY_GONE_TEXT = 'That menu entry is not available any more.';
export const UNKNOWN_BUTTON_TEXT = 'That button is not known. Run the command again.';
export const UNKNOWN_FORM_TEXT = 'That form is not known. Run the command again.';

export const SERVER_ONLY_TEXT =
  'This only works in a server: PluralKit keeps these settings per server. Run it in the server you mean (it needs Switchboard there, or Switchboard added to your account).';

export const FORM_OPEN_BY_BUTTON_TEXT = 'PluralKit took a moment to answer, so the form could not open by itself. Press the button to open it.';
export const FORM_UNCHANGED_TEXT = 'Nothing changed: every field is as it was.';
export const formRefusedText = (problems: readonly string[]): string => `❌ Nothing was saved:\n${problems.join('\n')}\nYour text is kept: press **Edit again** to fix it.`;
