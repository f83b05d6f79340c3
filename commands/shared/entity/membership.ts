import { z } from 'zod';
import type { Entity, MembershipOp } from '../../../src/entities/kinds.js';
import { changeMembership, membershipFingerprint, type EntityRef } from '../../../src/entities/membership.js';
import { READ_BACK_NOTE } from '../../../src/render/changes.js';
import { renderMembershipChange, renderMembershipSetPrompt, renderNothingToClear } from '../../../src/render/membership.js';
import { resolveOwn, resolveOwnList } from '../../../src/access/own-system.js';
import { subcommand, type SubcommandGroup } from '../../../src/framework/command-table.js';
import { confirmation } from '../../../src/framework/confirm.js';
import type { HandlerContext } from '../../../src/framework/context.js';
import { entityListPager, relatedViewSubcommand } from './list.js';
import type { EntityCommandKind } from './kinds.js';

type Owned = HandlerContext<{ token: true }, 'ephemeral'>;
const Named = z.object({ uuid: z.string(), id: z.string(), name: z.string() });

/** One side of a membership: the owner's members' groups, or a group's members. */
interface Side {
  owner: EntityCommandKind;
  related: EntityCommandKind;
}

async function apply(ctx: Owned, side: Side, op: MembershipOp, entity: EntityRef, changed: readonly EntityRef[], before: readonly EntityRef[], requested = op !== 'overwrite'): Promise<void> {
  const { kind } = side.owner;
  const { value: after, readBack } = await changeMembership(ctx.services, kind, ctx.userId, ctx.auth, entity, op, changed, before);
  const text = renderMembershipChange({ side: kind.name, subject: entity, before, after, ...(requested ? { requested: { op: op as 'add' | 'remove', entities: changed } } : {}) });
  await ctx.reply.send({ content: readBack ? `${text}\n${READ_BACK_NOTE}` : text, components: [] });
}

function setConfirmation(side: Side) {
  const { kind } = side.owner;
  const plural = side.related.kind.plural;
  return confirmation({
    id: `${kind.name}.set`,
    label: `Update ${plural}`,
    danger: true,
    schema: z.object({ entity: Named, related: z.array(Named) }),
    async reread(ctx, change) {
      const current: EntityRef[] = await kind.listRelated(ctx.services, change.entity.uuid, { token: ctx.auth.token });
      return { shown: membershipFingerprint(current), subject: { kind: 'membership', of: plural, name: change.entity.name }, current };
    },
    async run(ctx, change, current) {
      await apply(ctx, side, 'overwrite', change.entity, change.related, current);
    },
  });
}
type SetConfirmation = ReturnType<typeof setConfirmation>;

/** A set that removes nothing is applied at once; otherwise it asks first. */
async function askSet(ctx: Owned, side: Side, confirm: SetConfirmation, entity: EntityRef, wanted: readonly EntityRef[], before: readonly EntityRef[]): Promise<void> {
  const wantedIds = new Set(wanted.map((entry) => entry.uuid));
  if (before.every((entry) => wantedIds.has(entry.uuid))) return apply(ctx, side, 'overwrite', entity, wanted, before);
  const pick = ({ uuid, id, name }: EntityRef) => ({ uuid, id, name });
  await confirm.ask(ctx, {
    payload: { entity: pick(entity), related: wanted.map(pick) },
    shown: membershipFingerprint(before),
    prompt: { content: renderMembershipSetPrompt(side.related.kind.plural, entity, before, wanted) },
  });
}

/** The owner entity named in the options, with its related list as it is now. */
async function targets(ctx: Owned, side: Side, args: Record<string, unknown>): Promise<{ entity: Entity; before: EntityRef[] }> {
  const { kind } = side.owner;
  const entity: Entity = await resolveOwn(ctx.services, kind.plural, ctx.userId, ctx.auth, String(args[kind.name]));
  return { entity, before: await kind.ownRelated(ctx.services, ctx.userId, ctx.auth, entity) };
}

async function relatedNamed(ctx: Owned, side: Side, args: Record<string, unknown>): Promise<Entity[]> {
  const plural = side.related.kind.plural;
  return resolveOwnList(ctx.services, plural, ctx.userId, ctx.auth, String(args[plural]));
}

function options(side: Side, verb?: string) {
  const { kind } = side.owner;
  const plural = side.related.kind.plural;
  const one = { [kind.name]: side.owner.one(`The ${kind.name}`) };
  return verb === undefined ? one : { ...one, [plural]: side.related.many(`The ${plural} to ${verb}, comma-separated`) };
}

function changeSubcommand(side: Side, op: 'add' | 'remove') {
  const memberSide = side.owner.kind.name === 'member';
  const description = {
    add: memberSide ? 'Add a member to groups' : 'Add members to a group',
    remove: memberSide ? 'Remove a member from groups' : 'Remove members from a group',
  }[op];
  return subcommand({
    description,
    options: options(side, op),
    needs: { token: true },
    async run(ctx, args) {
      const { entity, before } = await targets(ctx, side, args);
      await apply(ctx, side, op, entity, await relatedNamed(ctx, side, args), before);
    },
  });
}

function setSubcommand(side: Side, confirm: SetConfirmation) {
  const { kind } = side.owner;
  return subcommand({
    description: `Replace all ${side.related.kind.plural} of a ${kind.name} (asks first when it removes any)`,
    options: options(side, 'keep or add'),
    needs: { token: true },
    flows: [confirm],
    async run(ctx, args) {
      const { entity, before } = await targets(ctx, side, args);
      await askSet(ctx, side, confirm, entity, await relatedNamed(ctx, side, args), before);
    },
  });
}

function clearSubcommand(side: Side, confirm: SetConfirmation) {
  const { kind } = side.owner;
  const plural = side.related.kind.plural;
  return subcommand({
    description: `Remove all ${plural} of a ${kind.name} (asks first)`,
    options: options(side),
    needs: { token: true },
    flows: [confirm],
    async run(ctx, args) {
      const { entity, before } = await targets(ctx, side, args);
      if (before.length === 0) return ctx.reply.send({ content: renderNothingToClear(plural, entity) });
      await askSet(ctx, side, confirm, entity, [], before);
    },
  });
}

/**
 * Membership from either side — `/member groups …` and `/group members …` — as one subcommand
 * group: view (paged), add, remove, set (asks first when it removes any), clear (asks first).
 */
export function membershipGroup(owner: EntityCommandKind, related: EntityCommandKind, description: string): SubcommandGroup {
  const side: Side = { owner, related };
  const plural = related.kind.plural;
  const viewPager = entityListPager(`${owner.kind.name}.${plural}`, related.kind, `/${owner.kind.name} ${plural} view`);
  const confirmSet = setConfirmation(side);
  return {
    description,
    subcommands: {
      view: relatedViewSubcommand(owner, viewPager),
      add: changeSubcommand(side, 'add'),
      remove: changeSubcommand(side, 'remove'),
      set: setSubcommand(side, confirmSet),
      clear: clearSubcommand(side, confirmSet),
    },
  };
}
