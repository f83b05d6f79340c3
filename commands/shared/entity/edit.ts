import { z } from 'zod';
import type { Body, Entity } from '../../../src/entities/kinds.js';
import { rereadOwn, updateEntity } from '../../../src/entities/writes.js';
import { renderSaved } from '../../../src/render/changes.js';
import { namedWithId } from '../../../src/render/format.js';
import { resolveOwn } from '../../../src/access/own-system.js';
import { clearField } from '../fields/profile.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import { clearableEdit } from '../../../src/framework/clearable.js';
import type { HandlerContext } from '../../../src/framework/context.js';
import { form } from '../../../src/framework/form.js';
import type { Options } from '../../../src/framework/args.js';
import { changeRows, patchFrom, storedValues } from '../../../src/framework/patch.js';
import { editFields, type EntityCommandKind } from './kinds.js';

type Owned = HandlerContext<{ token: true }, 'ephemeral'>;

export interface EditSpec {
  description: string;
  help?: string;
  /** Options beyond the profile fields and `clear` (e.g. `add_proxy`). */
  extra?: Options;
  /**
   * Turns the extra options into body changes. It may read the entity fresh first (a change
   * computed from the current value); what it read is the `before` of the reply.
   */
  extend?(ctx: Owned, entity: Entity, args: Record<string, unknown>, body: Body): Promise<{ before: Entity; body: Body }>;
}

/**
 * `/member edit`, `/group edit`: field options send one PATCH; `clear` asks first; no field
 * option opens a form prefilled with the current text fields (an emptied input clears it).
 */
export function editSubcommand(command: EntityCommandKind, spec: EditSpec): Subcommand {
  const { kind } = command;
  const fields = editFields(command);
  const clearable = Object.fromEntries(command.clearable.map((name) => [name, fields[name]!]));

  async function save(ctx: Owned, before: Entity, body: Body): Promise<void> {
    const { value: after, readBack } = await updateEntity(ctx.services, kind, ctx.userId, ctx.auth, before.uuid, body);
    await ctx.reply.send({ content: renderSaved(`${namedWithId(after)}:`, changeRows(fields, body, before, after), { readBack }), components: [] });
  }

  const clearing = clearableEdit({
    id: `${kind.name}.edit`,
    fields,
    target: z.object({ uuid: z.string() }),
    needs: { token: true },
    async read(ctx, { uuid }) {
      const current = await rereadOwn(ctx.services, kind, ctx.auth, uuid);
      return { stored: current as unknown as Body, subject: { kind: 'named', name: current.name } };
    },
    save: (ctx, _target, body, before) => save(ctx, before as unknown as Entity, body),
  });

  const editForm = form({
    id: `${kind.name}.form`,
    fields: command.form,
    schema: z.object({ uuid: z.string() }),
    async submit(ctx, state, changes) {
      const before = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, state.uuid);
      await save(ctx, before, patchFrom(command.form, changes));
    },
  });

  return subcommand({
    description: spec.description,
    ...(spec.help ? { help: spec.help } : {}),
    options: { [kind.name]: command.one(`The ${kind.name} to edit`), ...fields, ...spec.extra, clear: clearField(clearable) },
    needs: { token: true },
    flows: [clearing.flow, editForm],
    async run(ctx, options) {
      const args = options as Record<string, unknown>;
      const cleared = args.clear as string | undefined;
      clearing.check(args, cleared);
      const entity: Entity = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, String(args[kind.name]));
      let before = entity;
      let body = patchFrom(fields, args, cleared);
      if (spec.extend) ({ before, body } = await spec.extend(ctx, entity, args, body));
      if (Object.keys(body).length === 0) {
        await editForm.open(ctx, { title: `Edit ${entity.name}`, state: { uuid: entity.uuid }, values: storedValues(command.form, entity) });
        return;
      }
      await clearing.apply(ctx, { target: { uuid: entity.uuid }, body, clear: cleared, before: before as unknown as Body, whose: `${namedWithId(entity)}'s` });
    },
  });
}
