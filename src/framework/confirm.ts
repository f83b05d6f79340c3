import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { z } from 'zod';
import { UserFacingError } from '../core/user-facing-error.js';
import type { ClaimRefusal } from '../stores/interaction-state/interaction-state-store.js';
import type { CommandContext } from './command.js';
import { encodeCustomId, type CustomId } from '../interaction/custom-id.js';
import type { ReplyMessage } from '../interaction/message.js';
import type { HandlerContext, Needs } from './context.js';
import { flowCommand, prepareContext, settleFlow } from './prepare.js';

/** Like PluralKit's prompts, a confirmation is good for five minutes. */
export const CONFIRM_TTL_MS = 5 * 60 * 1000;

/**
 * A press still "in progress" after this long belongs to a process that died: the next Confirm
 * takes it over and runs again, re-reading what the prompt showed. Longer than any confirmed
 * change takes (its reads, a 25 s write and the read-back).
 */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;

export const CONFIRM_ACTION = 'yes';
export const CANCEL_ACTION = 'no';

export interface ConfirmationSpec<S extends z.ZodType, N extends Needs> {
  /** `<command>.<name>`, e.g. `member.delete`; the command part routes the buttons. */
  id: string;
  /** Validates the stored payload when the button is pressed (it may come from an older release). */
  schema: S;
  /** The confirm button's label, e.g. "Delete member". */
  label: string;
  danger?: boolean;
  needs?: N;
  /** Runs once, after the user confirmed; replies edit the prompt in place. */
  run(ctx: HandlerContext<N, 'ephemeral'>, payload: z.infer<S>): Promise<void>;
}

export interface Confirmation<P = unknown> {
  readonly id: string;
  /** Shows `prompt` with Confirm/Cancel buttons; the pending change waits in the interaction store. */
  ask(ctx: CommandContext, payload: P, prompt: ReplyMessage): Promise<void>;
  /** Handles a press of either button; called by the command table. */
  press(ctx: CommandContext, id: CustomId): Promise<void>;
}

const REFUSALS: Record<Exclude<ClaimRefusal, 'not-yours'>, string> = {
  unknown: 'This prompt is not valid any more. Run the command again.',
  expired: 'This prompt has expired (prompts last 5 minutes), so nothing was changed. Run the command again.',
  cancelled: 'This prompt was cancelled, so nothing was changed. Run the command again if you still want to.',
  'already-done': 'This prompt was already answered.',
  'in-progress': 'Already on it: this prompt was just confirmed.',
};

function buttons(command: string, key: string, label: string, danger: boolean): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: danger ? ButtonStyle.Danger : ButtonStyle.Primary, label, custom_id: encodeCustomId(command, CONFIRM_ACTION, key) },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Cancel', custom_id: encodeCustomId(command, CANCEL_ACTION, key) },
    ],
  };
}

/**
 * A destructive or important change, asked first. The pending change is a SQLite row, so a
 * restart between prompt and press still completes it, and pressing is an atomic claim: of
 * Confirm and Cancel (or two Confirms) pressed together exactly one wins, and a cancelled,
 * answered or expired prompt is void for every button on it.
 */
export function confirmation<const S extends z.ZodType, const N extends Needs = { token: true }>(spec: ConfirmationSpec<S, N>): Confirmation<z.input<S>> {
  const command = flowCommand(spec.id);
  return {
    id: spec.id,
    async ask(ctx, payload, prompt) {
      const key = await ctx.services.interactions.create(spec.id, ctx.userId, payload, CONFIRM_TTL_MS);
      await ctx.reply.send({ ...prompt, components: [...(prompt.components ?? []), buttons(command, key, spec.label, spec.danger ?? false)] });
    },
    async press(ctx, id) {
      const [key] = id.args;
      if (!key) throw new UserFacingError(REFUSALS.unknown);
      const cancel = id.action === CANCEL_ACTION;
      const claim = await ctx.services.interactions.claim(key, ctx.userId, cancel ? 'cancelled' : 'claimed', { leaseMs: CLAIM_LEASE_MS });
      if (!claim.ok) {
        if (claim.reason === 'not-yours') {
          throw new UserFacingError(`This prompt belongs to <@${claim.row!.userId}>; only they can answer it.`);
        }
        throw new UserFacingError(REFUSALS[claim.reason]);
      }
      if (cancel) {
        await ctx.reply.send({ content: 'Cancelled: nothing was changed.', embeds: [], components: [] });
        return;
      }
      // From here the prompt is spent: whatever happens is shown in its place.
      ctx.reply.errorPlacement = 'replace';
      try {
        const payload = spec.schema.safeParse(claim.row.payload);
        if (!payload.success) throw new UserFacingError(REFUSALS.unknown);
        const prepared = await prepareContext(ctx, spec.needs ?? { token: true });
        await spec.run(prepared as HandlerContext<N, 'ephemeral'>, payload.data);
      } finally {
        await settleFlow(ctx, ctx.services.interactions.finish(key));
      }
    },
  };
}
