import { z } from 'zod';
import type { Entity, MembershipOp } from '../../../src/entities/kinds.js';
import { changeMembership, membershipFingerprint, type EntityRef } from '../../../src/entities/membership.js';
import { READ_BACK_NOTE } from '../../../src/render/changes.js';
import { namedWithId } from '../../../src/render/format.js';
import { nameList, renderMembershipChange } from '../../../src/render/membership.js';
import { resolveOwn, resolveOwnList } from '../../../src/access/own-system.js';
import { subcommand, type SubcommandGroup } from '../../../src/framework/command-table.js';
import { confirmation } from '../../../src/framework/confirm.js';
import type { HandlerContext } from '../../../src/framework/context.js';
import { entityListPager, relatedViewSubcommand } from './list.js';
import type { EntityCommandKind } from './kinds.js';

type Owned = HandlerContext<{ token: true }, 'ephemeral'>;
const Named = z.object({ uuid: z.string(), id: z.string(), name: z.string() });

/**
 * Membership from either side — `/member groups …` and `/group members …` — as one subcommand
 * group: view (paged), add, remove, set (asks first when it removes any), clear (asks first).
 */
export function membershipGroup(owner: EntityCommandKind, related: EntityCommandKind, description: string): SubcommandGroup {
  const { kind } = owner;
  const plural = related.kind.plural;
  const viewPager = entityListPager(`${kind.name}.${plural}`, related.kind, `/${kind.name} ${plural} view`);

  async function apply(ctx: Owned, op: MembershipOp, entity: EntityRef, changed: readonly EntityRef[], before: readonly EntityRef[], requested = op !== 'overwrite'): Promise<void> {
    const { value: after, readBack } = await changeMembership(ctx.services, kind, ctx.userId, ctx.auth, entity, op, changed, before);
    const text = renderMembershipChange({ side: kind.name, subject: entity, before, after, ...(requested ? { requested: { op: op as 'add' | 'remove', entities: changed } } : {}) });
    await ctx.reply.send({ content: readBack ? `${text}\n${READ_BACK_NOTE}` : text, components: [] });
  }

  const confirmSet = confirmation({
    id: `${kind.name}.set`,
    label: `Update ${plural}`,
    danger: true,
    schema: z.object({ entity: Named, related: z.array(Named) }),
    async reread(ctx, change) {
      const current: EntityRef[] = await kind.listRelated(ctx.services, change.entity.uuid, { token: ctx.auth.token });
      return { shown: membershipFingerprint(current), subject: { kind: 'membership', of: plural, name: change.entity.name }, current };
    },
    async run(ctx, change, current) {
      await apply(ctx, 'overwrite', change.entity, change.related, current);
    },
  });

  async function askSet(ctx: Owned, entity: EntityRef, wanted: readonly EntityRef[], before: readonly EntityRef[]): Promise<void> {
    const wantedIds = new Set(wanted.map((entry) => entry.uuid));
    const removed = before.filter((entry) => !wantedIds.has(entry.uuid));
    if (removed.length === 0) return apply(ctx, 'overwrite', entity, wanted, before);
    const pick = ({ uuid, id, name }: EntityRef) => ({ uuid, id, name });
    const after = wanted.length === 0 ? `*no ${plural}*` : nameList(wanted);
    await confirmSet.ask(ctx, {
      payload: { entity: pick(entity), related: wanted.map(pick) },
      shown: membershipFingerprint(before),
      prompt: { content: [`⚠️ Change the ${plural} of ${namedWithId(entity)}?`, `**Now:** ${nameList(before)}`, `**After:** ${after}`, `**Removed:** ${nameList(removed)}`].join('\n') },
    });
  }

  const one = owner.one(`The ${kind.name}`);
  const many = (verb: string) => related.many(`The ${plural} to ${verb}, comma-separated`);
  const targets = async (ctx: Owned, args: Record<string, unknown>) => {
    const entity: Entity = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, String(args[kind.name]));
    return { entity, before: await kind.ownRelated(ctx.services, ctx.userId, ctx.auth, entity) };
  };
  const memberSide = kind.name === 'member';
  const change = (op: 'add' | 'remove', description: string) =>
    subcommand({
      description,
      options: { [kind.name]: one, [plural]: many(op) },
      needs: { token: true },
      async run(ctx, args) {
        const { entity, before } = await targets(ctx, args);
        const changed: Entity[] = await resolveOwnList(ctx.services, related.kind.plural, ctx.userId, ctx.auth, String((args as Record<string, unknown>)[plural]));
        await apply(ctx, op, entity, changed, before);
      },
    });

  const group: SubcommandGroup = {
    description,
    subcommands: {
      view: relatedViewSubcommand(owner, viewPager),
      add: change('add', memberSide ? 'Add a member to groups' : 'Add members to a group'),
      remove: change('remove', memberSide ? 'Remove a member from groups' : 'Remove members from a group'),
      set: subcommand({
        description: `Replace all ${plural} of a ${kind.name} (asks first when it removes any)`,
        options: { [kind.name]: one, [plural]: many('keep or add') },
        needs: { token: true },
        flows: [confirmSet],
        async run(ctx, args) {
          const { entity, before } = await targets(ctx, args);
          const wanted: Entity[] = await resolveOwnList(ctx.services, related.kind.plural, ctx.userId, ctx.auth, String((args as Record<string, unknown>)[plural]));
          await askSet(ctx, entity, wanted, before);
        },
      }),
      clear: subcommand({
        description: `Remove all ${plural} of a ${kind.name} (asks first)`,
        options: { [kind.name]: one },
        needs: { token: true },
        flows: [confirmSet],
        async run(ctx, args) {
          const { entity, before } = await targets(ctx, args);
          if (before.length === 0) return ctx.reply.send({ content: `${namedWithId(entity)} has no ${plural}: nothing to clear.` });
          await askSet(ctx, entity, [], before);
        },
      }),
    },
  };
  return group;
}
