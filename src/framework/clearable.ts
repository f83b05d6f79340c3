import { z } from 'zod';
import type { ChangedSubject } from '../core/refusal-codes.js';
import { Refusal } from '../core/refusal.js';
import { renderClearPrompt } from '../render/saved.js';
import { confirmation, type Confirmation } from './confirm.js';
import type { HandlerContext, Needs } from './context.js';
import type { AnyField } from './fields.js';
import { changeRows } from './patch.js';

type Stored = Record<string, unknown>;

export interface ClearableSpec<S extends z.ZodType, N extends Needs> {
  /** The confirmation's id, `<command>.<name>`. */
  id: string;
  /** Every field the edit writes; `clear` names one of them. */
  fields: Record<string, AnyField>;
  /** What the edit applies to (which member, which server), kept until the press. */
  target: S;
  needs: N;
  /** The values stored now, under PluralKit's keys, and what to call them if they changed. */
  read(ctx: HandlerContext<N, 'ephemeral'>, target: z.infer<S>): Promise<{ stored: Stored; subject: ChangedSubject }>;
  /** Writes the body and answers (before → after). */
  save(ctx: HandlerContext<N, 'ephemeral'>, target: z.infer<S>, body: Stored, before: Stored): Promise<void>;
}

export interface ClearableEdit<T, N extends Needs> {
  /** Its buttons are routed by the table: declare it in the subcommand's `flows`. */
  readonly flow: Confirmation<{ target: T; body: Stored }>;
  /** Refuses a value and a clear of the same option together. */
  check(args: Record<string, unknown>, clear: string | undefined): void;
  /**
   * Saves at once, or, when `clear` names a field, asks first, naming the field and what it holds
   * now (`whose`: "your system's", "**Alice**'s").
   */
  apply(ctx: HandlerContext<N, 'ephemeral'>, request: { target: T; body: Stored; clear: string | undefined; before: Stored; whose: string }): Promise<void>;
}

/** The stored values of the keys a body writes: what the prompt showed, as a fingerprint. */
function shownOf(body: Stored, stored: Stored): string {
  return JSON.stringify(Object.keys(body).sort().map((key) => [key, stored[key] ?? null]));
}

/**
 * Clearing a field with an edit's `clear` option, written once for every edit that has one: the
 * value-and-clear check, a prompt naming the field and its current value, and at the press a
 * re-read, so a value changed since the prompt is never cleared blindly.
 */
export function clearableEdit<const S extends z.ZodType, const N extends Needs>(spec: ClearableSpec<S, N>): ClearableEdit<z.input<S>, N> {
  const flow = confirmation({
    id: spec.id,
    label: 'Clear',
    danger: true,
    needs: spec.needs,
    schema: z.object({ target: spec.target as z.ZodType, body: z.record(z.string(), z.unknown()) }) as z.ZodType<{ target: z.infer<S>; body: Stored }>,
    async reread(ctx, change) {
      const now = await spec.read(ctx as HandlerContext<N, 'ephemeral'>, change.target);
      return { shown: shownOf(change.body, now.stored), subject: now.subject, current: now.stored };
    },
    async run(ctx, change, current) {
      await spec.save(ctx as HandlerContext<N, 'ephemeral'>, change.target, change.body, current);
    },
  });
  return {
    flow: flow as Confirmation<{ target: z.input<S>; body: Stored }>,
    check(args, clear) {
      if (clear !== undefined && args[clear] !== undefined) throw new Refusal('edit.value-and-clear', { option: clear });
    },
    async apply(ctx, { target, body, clear, before, whose }) {
      if (clear === undefined) return spec.save(ctx, target as z.infer<S>, body, before);
      const label = spec.fields[clear]?.label ?? clear;
      await flow.ask(ctx, {
        payload: { target, body },
        shown: shownOf(body, before),
        prompt: { content: renderClearPrompt(whose, label, changeRows(spec.fields, body, before, { ...before, ...body })) },
      });
    },
  };
}
