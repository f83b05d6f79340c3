import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserFacingError } from '../core/user-facing-error.js';
import type { ModalInteraction } from '../interaction/interaction.js';
import { buildModal } from '../interaction/modal.js';
import { FORM_ALREADY_SUBMITTED_TEXT, FORM_GONE_TEXT, FORM_OPEN_BY_BUTTON_TEXT, FORM_UNCHANGED_TEXT, formBelongsTo, formRefusedText } from '../render/flows.js';
import type { CommandContext } from './command.js';
import { encodeCustomId, type CustomId } from '../interaction/custom-id.js';
import { reportFailure } from './error-funnel.js';
import type { HandlerContext, Needs } from './context.js';
import type { AnyField, FieldValue } from './fields.js';
import { assertDeclared, flowCommand, prepareContext, settleFlow } from './prepare.js';

/** A form may stay open this long while someone types. */
export const FORM_TTL_MS = 30 * 60 * 1000;
export const FORM_SUBMIT_ACTION = 'form';
export const FORM_REOPEN_ACTION = 'reform';

export type FormFields = Record<string, AnyField>;

/** What the user changed: a value, or null for a field they emptied (cleared). */
export type FormChanges<F extends FormFields> = { [K in keyof F]?: FieldValue<F[K]> | null };

/** Text as shown in each input; null = empty. */
export type FormValues<F extends FormFields> = { [K in keyof F]?: string | null };

export interface FormSpec<F extends FormFields, S extends z.ZodType, N extends Needs> {
  /** `<command>.<name>`, e.g. `member.edit`. */
  id: string;
  fields: F;
  /** The form's own context (which member it edits), stored while the modal is open. */
  schema: S;
  needs?: N;
  /** Called with only the fields that differ from what the form was opened with. */
  submit(ctx: HandlerContext<N, 'ephemeral'>, state: z.infer<S>, changes: FormChanges<F>): Promise<void>;
}

export interface Form<F extends FormFields, S> {
  readonly kind: 'form';
  readonly id: string;
  /** Opens the modal prefilled with `values`; should be the first response (else a button opens it). */
  open(ctx: CommandContext, options: { title: string; state: S; values: FormValues<F> }): Promise<void>;
  /** A button that opens the form later (the reply first says what to do before filling it in). */
  offer(ctx: CommandContext, options: { title: string; state: S; values: FormValues<F>; label: string }): Promise<APIActionRowComponent<APIComponentInMessageActionRow>>;
  submit(ctx: CommandContext, interaction: ModalInteraction, id: CustomId): Promise<void>;
  reopen(ctx: CommandContext, id: CustomId): Promise<void>;
}

const PayloadSchema = z.object({
  title: z.string(),
  state: z.unknown(),
  /** What the form showed when first opened: changes are measured against this. */
  original: z.record(z.string(), z.string().nullable()),
  /** What to show now (after a refused submit: what the user typed). */
  shown: z.record(z.string(), z.string().nullable()),
});
type Payload = z.infer<typeof PayloadSchema>;


function formModal(command: string, key: string, title: string, fields: FormFields, shown: Record<string, string | null>): APIModalInteractionResponseCallbackData {
  return buildModal(
    encodeCustomId(command, FORM_SUBMIT_ACTION, key),
    title,
    Object.entries(fields).map(([name, spec]) => {
      const input = spec.form!;
      return {
        customId: name,
        label: input.label,
        style: input.style,
        required: spec.required,
        maxLength: input.maxLength,
        ...(input.placeholder ? { placeholder: input.placeholder } : {}),
        value: shown[name] ?? null,
      };
    }),
  );
}

function reopenRow(command: string, key: string, label: string): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label, custom_id: encodeCustomId(command, FORM_REOPEN_ACTION, key) }],
  };
}

const editAgainRow = (command: string, key: string) => reopenRow(command, key, 'Edit again');

/** The text of each input as submitted; a forged submit without an input reads as unchanged. */
function submittedText(interaction: ModalInteraction, fields: FormFields, shown: Record<string, string | null>): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const name of Object.keys(fields)) {
    const value = interaction.fields[name] ?? shown[name] ?? null;
    const trimmed = value?.trim() ?? '';
    result[name] = trimmed === '' ? null : trimmed;
  }
  return result;
}

/**
 * What the user changed in a submitted form: each input that differs from what the form opened
 * with, read with its field (an emptied input is null: cleared), and a line per input that does
 * not read, naming its label.
 */
function readChanges(fields: FormFields, typed: Record<string, string | null>, original: Record<string, string | null>): { changes: Record<string, unknown>; problems: string[] } {
  const changes: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const text = typed[name] ?? null;
    if (text === (original[name] ?? null)) continue;
    if (text === null) {
      changes[name] = null;
      continue;
    }
    const read = field.schema.safeParse(text);
    if (read.success) changes[name] = read.data;
    else problems.push(`**${field.form!.label}** ${read.error.issues[0]?.message ?? 'is not valid'}.`);
  }
  return { changes, problems };
}

/**
 * A modal prefilled with the current values and read with the same field declarations as the
 * slash options. An emptied input clears that field; untouched inputs are not sent, so a change
 * made elsewhere meanwhile is not overwritten. Input that fails validation is kept: the reply
 * offers "Edit again" with what was typed.
 */
export function form<const F extends FormFields, const S extends z.ZodType, const N extends Needs = { token: true }>(
  spec: FormSpec<F, S, N>,
): Form<F, z.input<S>> {
  const command = flowCommand(spec.id);
  for (const [name, field] of Object.entries(spec.fields)) if (!field.form) throw new Error(`form ${spec.id}: field ${name} has no form input`);

  /** Keeps what the form shows (and its state) for its submit; the key its custom IDs carry. */
  async function storeForm(ctx: CommandContext, options: { title: string; state: unknown; values: FormValues<F> }): Promise<{ key: string; shown: Record<string, string | null> }> {
    assertDeclared(ctx, spec.id);
    const shown = Object.fromEntries(Object.keys(spec.fields).map((name) => [name, options.values[name] ?? null]));
    const payload: Payload = { title: options.title, state: options.state, original: shown, shown };
    return { key: await ctx.services.interactions.create(spec.id, ctx.userId, payload, FORM_TTL_MS), shown };
  }

  return {
    kind: 'form',
    id: spec.id,
    async open(ctx, options) {
      const { key, shown } = await storeForm(ctx, options);
      // If reading the current values took long enough for the automatic defer, a button opens the form.
      await ctx.reply.showModal(formModal(command, key, options.title, spec.fields, shown), {
        content: FORM_OPEN_BY_BUTTON_TEXT,
        components: [reopenRow(command, key, 'Open form')],
      });
    },

    async offer(ctx, options) {
      const { key } = await storeForm(ctx, options);
      return reopenRow(command, key, options.label);
    },

    async reopen(ctx, id) {
      const [key] = id.args;
      const row = key ? await ctx.services.interactions.read(key) : undefined;
      if (!row || row.kind !== spec.id || row.status !== 'open' || ctx.services.interactions.isExpired(row)) throw new UserFacingError(FORM_GONE_TEXT);
      if (row.userId !== ctx.userId) throw new UserFacingError(formBelongsTo(row.userId));
      const payload = PayloadSchema.parse(row.payload);
      await ctx.reply.showModal(formModal(command, key!, payload.title, spec.fields, payload.shown));
    },

    async submit(ctx, interaction, id) {
      const [key] = id.args;
      if (!key) throw new UserFacingError(FORM_GONE_TEXT);
      const claim = await ctx.services.interactions.claim<unknown>(key, ctx.userId, 'claimed');
      if (!claim.ok) {
        if (claim.reason === 'not-yours') throw new UserFacingError(formBelongsTo(claim.row!.userId));
        if (claim.reason === 'already-done' || claim.reason === 'in-progress') throw new UserFacingError(FORM_ALREADY_SUBMITTED_TEXT);
        throw new UserFacingError(FORM_GONE_TEXT);
      }
      const payload = PayloadSchema.parse(claim.row.payload);
      const typed = submittedText(interaction, spec.fields, payload.shown);
      const { changes, problems } = readChanges(spec.fields, typed, payload.original);
      if (problems.length > 0) {
        // Never lose what was typed: keep it for "Edit again".
        await ctx.services.interactions.reopen(key, { ...payload, shown: typed } satisfies Payload, FORM_TTL_MS);
        await ctx.reply.send({ content: formRefusedText(problems), components: [editAgainRow(command, key)] });
        return;
      }
      if (Object.keys(changes).length === 0) {
        await ctx.services.interactions.finish(key);
        await ctx.reply.send({ content: FORM_UNCHANGED_TEXT });
        return;
      }
      try {
        const prepared = await prepareContext(ctx, spec.needs ?? { token: true });
        await spec.submit(prepared as HandlerContext<N, 'ephemeral'>, payload.state as z.infer<S>, changes as FormChanges<F>);
      } catch (error) {
        // A refusal (PluralKit said no, or the token is gone) keeps the text for another try.
        await settleFlow(ctx, ctx.services.interactions.reopen(key, { ...payload, shown: typed } satisfies Payload, FORM_TTL_MS));
        await reportFailure(ctx, error, { components: [editAgainRow(command, key)] });
        return;
      }
      await settleFlow(ctx, ctx.services.interactions.finish(key));
    },
  };
}
