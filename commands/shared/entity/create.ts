import { z } from 'zod';
import type { Body, Entity } from '../../../src/entities/kinds.js';
import { createEntity } from '../../../src/entities/writes.js';
import { renderSaved } from '../../../src/render/changes.js';
import { namedWithId } from '../../../src/render/format.js';
import { entityLabel } from '../../../src/resolve/resolve.js';
import { foldForSearch } from '../../../src/resolve/search-index.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import { confirmation, NOTHING_TO_REREAD } from '../../../src/framework/confirm.js';
import type { HandlerContext } from '../../../src/framework/context.js';
import { required } from '../../../src/framework/fields.js';
import { changeRows, patchFrom } from '../../../src/framework/patch.js';
import type { EntityCommandKind } from './kinds.js';

type Owned = HandlerContext<{ token: true }, 'ephemeral'>;
type NamedBody = Body & { name: string };

async function create(ctx: Owned, command: EntityCommandKind, body: NamedBody): Promise<void> {
  const { value, readBack } = await createEntity(ctx.services, command.kind, ctx.userId, ctx.auth, body);
  const { name: _name, ...rest } = body;
  const rows = changeRows(command.createFields, rest, {}, value);
  await ctx.reply.send({ content: renderSaved(`Created ${command.kind.name} ${namedWithId(value)}.`, rows, { readBack, sayWhenUnchanged: false }), components: [] });
}

/**
 * `/member create`, `/group create`: one POST. Like PluralKit, a name the system already uses is
 * asked about first (PluralKit allows duplicates, people rarely mean them).
 */
export function createSubcommand(command: EntityCommandKind, description: string): Subcommand {
  const { kind } = command;
  const confirm = confirmation({
    id: `${kind.name}.create`,
    label: `Create ${kind.name} anyway`,
    schema: z.object({ body: z.record(z.string(), z.unknown()).and(z.object({ name: z.string() })) }),
    // The prompt asks whether a second one with the same name is wanted, which no change elsewhere makes less true.
    reread: NOTHING_TO_REREAD,
    run: (ctx, payload) => create(ctx, command, payload.body),
  });
  return subcommand({
    description,
    options: { ...command.createFields, name: required(command.createFields.name!) },
    needs: { token: true },
    flows: [confirm],
    async run(ctx, args) {
      const body = patchFrom(command.createFields, args) as NamedBody;
      const existing: Entity[] = await kind.own(ctx.services, ctx.userId, ctx.auth);
      const same = existing.filter((entity) => foldForSearch(entity.name) === foldForSearch(body.name));
      if (same.length === 0) return create(ctx, command, body);
      await confirm.ask(ctx, {
        payload: { body },
        prompt: { content: `⚠️ You already have a ${kind.name} called ${same.map(entityLabel).join(', ')}. Create another one with the same name?` },
      });
    },
  });
}
