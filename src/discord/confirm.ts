import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { encodeCustomId, type CustomId } from './custom-id.js';
import { UserFacingError } from '../core/user-facing-error.js';

/** Confirmation buttons stop working after this long, like PluralKit's prompts. */
export const CONFIRMATION_TTL_MS = 5 * 60 * 1000;

export const CANCEL_ACTION = 'cancel';

/**
 * A confirm/cancel button row. The invoking user and the issue time travel in
 * the custom ID (`<module>:<action>:<user>:<issued>:<args…>`), so any bot
 * process can check a press without remembering the prompt.
 */
export function confirmationRow(options: {
  module: string;
  action: string;
  userId: string;
  args?: Array<string | number>;
  confirmLabel: string;
  danger?: boolean;
  now?: Date;
}): APIActionRowComponent<APIComponentInMessageActionRow> {
  const issued = Math.floor((options.now ?? new Date()).getTime() / 1000).toString(36);
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: options.danger ? ButtonStyle.Danger : ButtonStyle.Primary,
        label: options.confirmLabel,
        custom_id: encodeCustomId(options.module, options.action, options.userId, issued, ...(options.args ?? [])),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Cancel',
        custom_id: encodeCustomId(options.module, CANCEL_ACTION, options.userId, issued),
      },
    ],
  };
}

/** Checks a confirmation press and returns the prompt's own args. */
export function acceptConfirmation(id: CustomId, pressedBy: string, now: Date = new Date()): string[] {
  const [userId, issued, ...args] = id.args;
  if (!userId || !issued) throw new UserFacingError('That button is not valid any more.');
  if (userId !== pressedBy) throw new UserFacingError(`This prompt belongs to <@${userId}>; only they can answer it.`);
  const issuedAt = parseInt(issued, 36) * 1000;
  if (!Number.isFinite(issuedAt) || now.getTime() - issuedAt > CONFIRMATION_TTL_MS) {
    throw new UserFacingError('This prompt has expired (they last 5 minutes). Run the command again.');
  }
  return args;
}
