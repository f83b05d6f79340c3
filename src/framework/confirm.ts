import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ChangedSubject } from '../core/refusal-codes.js';
import { assertUnchanged } from '../core/unchanged.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { CANCELLED_TEXT, PROMPT_REFUSALS, promptBelongsTo } from '../render/flows.js';
import type { CommandContext } from './command.js';
import { encodeCustomId, type CustomId } from '../interaction/custom-id.js';
import type { ReplyMessage } from '../interaction/message.js';
import type { HandlerContext, Needs } from './context.js';
import { assertDeclared, flowCommand, prepareContext, settleFlow } from './prepare.js';

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

/** What a confirmed change found when it read again what its prompt showed. */
export interface Reread<C> {
  /** The same fingerprint `ask` was given, computed from what is there now. */
  shown: string;
  /** What changed, for the refusal when it did. */
  subject: ChangedSubject;
  /** What the change works on, as just read (handed to `run`). */
  current: C;
}

/** For a prompt whose change depends on nothing that can change meanwhile (forgetting one's own token). */
export const NOTHING_TO_REREAD = 'nothing-to-reread';

export interface ConfirmationSpec<S extends z.ZodType, N extends Needs, C> {
  /** `<command>.<name>`, e.g. `member.delete`; the command part routes the buttons. */
  id: string;
  /** Validates the stored payload when the button is pressed (it may come from an older release). */
  schema: S;
  /** The confirm button's label, e.g. "Delete member". */
  label: string;
  danger?: boolean;
  needs?: N;
  /**
   * Reads again, at the press, what the prompt showed: the change runs only when its fingerprint is
   * the one `ask` recorded, so a prompt never applies to something that changed since it was shown.
   */
  reread: ((ctx: HandlerContext<N, 'ephemeral'>, payload: z.infer<S>) => Promise<Reread<C>>) | typeof NOTHING_TO_REREAD;
  /** Runs once, after the user confirmed and the re-read matched; replies edit the prompt in place. */
  run(ctx: HandlerContext<N, 'ephemeral'>, payload: z.infer<S>, current: C): Promise<void>;
}

export interface Confirmation<P = unknown> {
  readonly kind: 'confirmation';
  readonly id: string;
  /**
   * Shows `prompt` with Confirm/Cancel buttons; the pending change waits in the interaction store.
   * `shown` fingerprints what the prompt showed (the re-read at the press compares with it).
   */
  ask(ctx: CommandContext, request: { payload: P; prompt: ReplyMessage; shown?: string }): Promise<void>;
  /** Handles a press of either button; called by the command table. */
  press(ctx: CommandContext, id: CustomId): Promise<void>;
}

/** What a prompt keeps: the change and the fingerprint of what it showed. */
const StoredPrompt = z.object({ payload: z.unknown(), shown: z.string().nullable() });

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
export function confirmation<const S extends z.ZodType, const N extends Needs = { token: true }, C = undefined>(spec: ConfirmationSpec<S, N, C>): Confirmation<z.input<S>> {
  const command = flowCommand(spec.id);
  return {
    kind: 'confirmation',
    id: spec.id,
    async ask(ctx, { payload, prompt, shown }) {
      assertDeclared(ctx, spec.id);
      if (spec.reread !== NOTHING_TO_REREAD && shown === undefined) throw new Error(`confirmation ${spec.id} re-reads at the press, so ask() needs what the prompt showed`);
      const key = await ctx.services.interactions.create(spec.id, ctx.userId, { payload, shown: shown ?? null } satisfies z.infer<typeof StoredPrompt>, CONFIRM_TTL_MS);
      await ctx.reply.send({ ...prompt, components: [...(prompt.components ?? []), buttons(command, key, spec.label, spec.danger ?? false)] });
    },
    async press(ctx, id) {
      const [key] = id.args;
      if (!key) throw new UserFacingError(PROMPT_REFUSALS.unknown);
      const cancel = id.action === CANCEL_ACTION;
      const claim = await ctx.services.interactions.claim(key, ctx.userId, cancel ? 'cancelled' : 'claimed', { leaseMs: CLAIM_LEASE_MS });
      if (!claim.ok) {
        if (claim.reason === 'not-yours') throw new UserFacingError(promptBelongsTo(claim.row!.userId));
        throw new UserFacingError(PROMPT_REFUSALS[claim.reason]);
      }
      if (cancel) {
        await ctx.reply.send({ content: CANCELLED_TEXT, embeds: [], components: [] });
        return;
      }
      // From here the prompt is spent: whatever happens is shown in its place.
      ctx.reply.errorPlacement = 'replace';
      try {
        const stored = StoredPrompt.safeParse(claim.row.payload);
        const payload = stored.success ? spec.schema.safeParse(stored.data.payload) : undefined;
        if (!stored.success || !payload?.success) throw new UserFacingError(PROMPT_REFUSALS.unknown);
        const prepared = (await prepareContext(ctx, spec.needs ?? { token: true })) as HandlerContext<N, 'ephemeral'>;
        let current = undefined as C;
        if (spec.reread !== NOTHING_TO_REREAD) {
          const now = await spec.reread(prepared, payload.data);
          assertUnchanged(stored.data.shown ?? '', now.shown, now.subject);
          current = now.current;
        }
        await spec.run(prepared, payload.data, current);
      } finally {
        await settleFlow(ctx, ctx.services.interactions.finish(key));
      }
    },
  };
}
