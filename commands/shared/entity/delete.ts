import { z } from 'zod';
import { assertUnchanged } from '../../../src/core/unchanged.js';
import type { Entity } from '../../../src/entities/kinds.js';
import { deleteEntity, rereadOwn } from '../../../src/entities/writes.js';
import { READ_BACK_NOTE } from '../../../src/render/changes.js';
import { namedWithId } from '../../../src/render/format.js';
import { resolveOwn } from '../../../src/access/own-system.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import { confirmation, type Confirmation } from '../../../src/framework/confirm.js';
import type { EntityCommandKind } from './kinds.js';

const fingerprint = (entity: Entity) => `${entity.id}:${entity.name}`;

/**
 * `/member delete`, `/group delete`: the prompt names what goes and that it cannot be undone; the
 * press re-reads it (gone or renamed since: nothing is done), deletes, and a lost answer is
 * settled by reading it back (a 404 means deleted).
 */
export function deleteFlow(command: EntityCommandKind, spec: { description: string; consequences: string }): { subcommand: Subcommand; confirmations: Confirmation<never>[] } {
  const { kind } = command;
  const confirm = confirmation({
    id: `${kind.name}.delete`,
    label: `Delete ${kind.name}`,
    danger: true,
    schema: z.object({ uuid: z.string(), shown: z.string() }),
    async run(ctx, change) {
      const current = await rereadOwn(ctx.services, kind, ctx.auth, change.uuid);
      assertUnchanged(change.shown, fingerprint(current), { kind: kind.name });
      const { readBack } = await deleteEntity(ctx.services, kind, ctx.userId, ctx.auth, change.uuid);
      const lines = [`✅ Deleted ${kind.name} ${namedWithId(current)}.`, ...(readBack ? [READ_BACK_NOTE] : [])];
      await ctx.reply.send({ content: lines.join('\n'), components: [] });
    },
  });
  const sub = subcommand({
    description: spec.description,
    options: { [kind.name]: command.one(`The ${kind.name} to delete`) },
    needs: { token: true },
    async run(ctx, args) {
      const entity: Entity = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, String((args as Record<string, unknown>)[kind.name]));
      await confirm.ask(ctx, { uuid: entity.uuid, shown: fingerprint(entity) }, {
        content: `⚠️ Delete ${kind.name} ${namedWithId(entity)}? ${spec.consequences} **This cannot be undone.**`,
      });
    },
  });
  return { subcommand: sub, confirmations: [confirm as Confirmation<never>] };
}
