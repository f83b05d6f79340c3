import { z } from 'zod';
import type { Entity } from '../../../src/entities/kinds.js';
import { deleteEntity, rereadOwn } from '../../../src/entities/writes.js';
import { READ_BACK_NOTE } from '../../../src/render/changes.js';
import { namedWithId } from '../../../src/render/format.js';
import { resolveOwn } from '../../../src/access/own-system.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import { confirmation } from '../../../src/framework/confirm.js';
import type { EntityCommandKind } from './kinds.js';

const fingerprint = (entity: Entity) => `${entity.id}:${entity.name}`;

/**
 * `/member delete`, `/group delete`: the prompt names what goes and that it cannot be undone; the
 * press re-reads it (gone or renamed since: nothing is done), deletes, and a lost answer is
 * settled by reading it back (a 404 means deleted).
 */
export function deleteSubcommand(command: EntityCommandKind, spec: { description: string; consequences: string }): Subcommand {
  const { kind } = command;
  const confirm = confirmation({
    id: `${kind.name}.delete`,
    label: `Delete ${kind.name}`,
    danger: true,
    schema: z.object({ uuid: z.string() }),
    async reread(ctx, change) {
      const current: Entity = await rereadOwn(ctx.services, kind, ctx.auth, change.uuid);
      return { shown: fingerprint(current), subject: { kind: kind.name }, current };
    },
    async run(ctx, change, current) {
      const { readBack } = await deleteEntity(ctx.services, kind, ctx.userId, ctx.auth, change.uuid);
      const lines = [`✅ Deleted ${kind.name} ${namedWithId(current)}.`, ...(readBack ? [READ_BACK_NOTE] : [])];
      await ctx.reply.send({ content: lines.join('\n'), components: [] });
    },
  });
  return subcommand({
    description: spec.description,
    options: { [kind.name]: command.one(`The ${kind.name} to delete`) },
    needs: { token: true },
    flows: [confirm],
    async run(ctx, args) {
      const entity: Entity = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, String((args as Record<string, unknown>)[kind.name]));
      await confirm.ask(ctx, {
        payload: { uuid: entity.uuid },
        shown: fingerprint(entity),
        prompt: { content: `⚠️ Delete ${kind.name} ${namedWithId(entity)}? ${spec.consequences} **This cannot be undone.**` },
      });
    },
  });
}
