import { z } from 'zod';
import { refuse } from '../../../src/core/refusal.js';
import type { EntityKind } from '../../../src/entities/kinds.js';
import { loadList, searchList, sortList, sortsFor } from '../../../src/entities/list.js';
import { entityListPrivateText, LIST_PAGE_SIZE, renderEntityList } from '../../../src/render/entity-list.js';
import { systemHeadingName } from '../../../src/render/system.js';
import { safeName } from '../../../src/text/markdown.js';
import { resolveForRead } from '../../../src/access/own-system.js';
import { subcommand, type Subcommand } from '../../../src/framework/command-table.js';
import { choice, text } from '../../../src/framework/fields.js';
import { pager, type Pager } from '../../../src/framework/pager.js';
import { title, type EntityCommandKind } from './kinds.js';

/*
 * Paged lists of members or groups, PluralKit's short layout: a system's list (`/member list`,
 * `/group list`) and the other side of a membership (`/member groups view`, `/group members view`).
 */

const ListState = z.object({
  from: z.enum(['system', 'related']),
  /** A system ref, or the entity whose related list it is. */
  ref: z.string(),
  /** The owner view; the token is read when a page is loaded, never stored. */
  owner: z.boolean(),
  heading: z.string(),
  /** What to say when the list is private to this viewer. */
  refusal: z.string(),
  search: z.string().optional(),
  sort: z.string(),
});
type ListState = z.infer<typeof ListState>;

/** A pager over `listed` entities, 25 a page, sorted and searched on our side. */
export function entityListPager(id: string, listed: EntityKind, usage: string): Pager<ListState> {
  const sorts = sortsFor(listed);
  return pager({
    id,
    usage,
    schema: ListState,
    needs: (state) => (state.owner ? { token: 'to-show' } : {}),
    async load(ctx, state, page) {
      const all = await loadList(ctx.services, listed, state, ctx.auth ? { userId: ctx.userId, auth: ctx.auth } : null, state.refusal);
      const spec = sorts[state.sort] ?? sorts.name!;
      const entries = sortList(searchList(all, state.search), spec);
      const pageCount = Math.max(1, Math.ceil(entries.length / LIST_PAGE_SIZE));
      if (page >= pageCount) refuse('list.page-gone', { usage });
      const lines = entries.slice(page * LIST_PAGE_SIZE, (page + 1) * LIST_PAGE_SIZE).map((entity) => ({
        id: entity.id,
        name: entity.name,
        datum: spec.datum(entity),
        hidden: state.owner && listed.isHidden(entity),
      }));
      const view = state.owner ? 'private' : 'public';
      const embed = renderEntityList({ heading: state.heading, lines, page, pageCount, total: entries.length, noun: listed.name, sortLabel: spec.label, search: state.search, view });
      return { message: { embeds: [embed] }, hasNext: page + 1 < pageCount, pageCount };
    },
  });
}

/** `/member list`, `/group list`: a system's list, its public view unless `private: True`. */
export function listSubcommand(command: EntityCommandKind, listPager: Pager<ListState>): Subcommand {
  const { kind } = command;
  return subcommand({
    description: `List a system's ${kind.plural}, 25 a page (yours unless user or system is given)`,
    visibility: 'target',
    flows: [listPager],
    options: {
      search: text({ description: `Only ${kind.plural} whose ${command.searchedFields} contains this`, max: 100 }),
      sort: choice({ description: 'Sort order (default: name)', choices: command.sortChoices }),
    },
    async run(ctx, args) {
      const { target } = ctx;
      const label = systemHeadingName(await target.naming());
      await listPager.open(ctx, {
        from: 'system',
        ref: target.systemRef,
        owner: target.token !== undefined,
        heading: `${title(kind)}s of ${label}`,
        refusal: entityListPrivateText(kind.name, label, target),
        search: args.search,
        sort: args.sort ?? 'name',
      });
    },
  });
}

/** `/member groups view`, `/group members view`: the other side of one entity's memberships. */
export function relatedViewSubcommand(owner: EntityCommandKind, listPager: Pager<ListState>): Subcommand {
  const { kind } = owner;
  const related = kind.related();
  const option = kind.name;
  return subcommand({
    description: `The ${related.plural} of a ${kind.name}, 25 a page`,
    visibility: 'read',
    flows: [listPager],
    options: { [option]: owner.one(`The ${kind.name}: name, display name or ID (any system's ID)`) },
    async run(ctx, args) {
      const read = await resolveForRead(ctx.services, kind.plural, ctx.userId, args[option]!, ctx.privateView);
      const shownName = read.entity ? (read.token ? read.entity.name : kind.publicView(read.entity).name) : `${kind.name} ${read.ref}`;
      // A member's groups follow its system's group list privacy; a group's members, the group's list privacy.
      const name = `**${safeName(shownName)}**`;
      const ownRefusal =
        kind.name === 'member'
          ? `Your group list is private, so the groups of ${name} are not shown where others can see them.`
          : `The member list of ${name} is private, so it is not shown where others can see it.`;
      await listPager.open(ctx, {
        from: 'related',
        ref: read.ref,
        owner: read.token !== undefined,
        heading: `${title(related)}s of ${safeName(shownName)}`,
        refusal: read.own
          ? `${ownRefusal} Add \`private: True\` to see them yourself.`
          : kind.name === 'member'
            ? "That member's system keeps its group list private."
            : 'That group keeps its member list private.',
        sort: 'name',
      });
    },
  });
}
