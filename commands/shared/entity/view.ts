import type { APIEmbed } from 'discord-api-types/v10';
import type { Entity } from '../../../src/entities/kinds.js';
import { loadCard, type Card } from '../../../src/entities/view.js';
import { resolveForRead, type ReadReference } from '../../../src/access/own-system.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import type { CommandContext } from '../../../src/framework/command.js';
import type { EntityCommandKind } from './kinds.js';

/**
 * `/member view`, `/group view`: one card, public (PluralKit's public view) unless `private: True`
 * on the caller's own entity. Another system's entity is looked up by its ID. At most three requests (the system's name too).
 */
export function viewSubcommand<E extends Entity, X = undefined>(
  command: EntityCommandKind<E>,
  spec: {
    description: string;
    /** More for the card than the entity and its list (read in parallel with nothing else), e.g. "last fronted". */
    extra?(ctx: CommandContext, card: Card<E>, read: ReadReference<E>): Promise<X>;
    render(card: Card<E>, extra: X | undefined): APIEmbed;
  },
): Subcommand {
  const { kind } = command;
  return subcommand({
    description: spec.description,
    visibility: 'read',
    options: { [kind.name]: command.one(`The ${kind.name}: name, display name or ID (any system's ID)`) },
    async run(ctx, args) {
      const read = await resolveForRead(ctx.services, kind.plural, ctx.userId, args[kind.name]!, ctx.privateView);
      const card = await loadCard(ctx.services, kind, read as ReadReference<E>);
      const extra = spec.extra ? await spec.extra(ctx, card, read as ReadReference<E>) : undefined;
      await ctx.reply.send({ embeds: [spec.render(card, extra)] });
    },
  });
}
