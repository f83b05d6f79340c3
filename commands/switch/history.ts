import { z } from 'zod';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import type { CommandContext } from '../../src/discord/command.js';
import { subcommand } from '../../src/discord/framework/command-table.js';
import { pager } from '../../src/discord/framework/pager.js';
import { publicMember } from '../../src/pluralkit/privacy.js';
import { HISTORY_PAGE_SIZE, renderSwitchHistory } from '../../src/render/switch-history.js';
import { storedTokenFor } from '../../src/session/stored-token.js';

const HistoryState = z.object({
  /** Path ref: `@me` for the owner view, else the public ref. */
  ref: z.string(),
  owner: z.boolean(),
  ownSystem: z.boolean(),
  label: z.string(),
  /** `before` cursor of each page seen so far; page 0 starts at "now". */
  cursors: z.array(z.string().nullable()),
  /** The newer neighbour of each page's first switch, for its duration. */
  endedAt: z.array(z.string().nullable()),
});
type HistoryState = z.infer<typeof HistoryState>;

/** The owner's token for an owner view, read at page time (it is never stored with the view). */
function tokenFor(ctx: CommandContext, state: HistoryState): string | undefined {
  if (!state.owner) return undefined;
  const stored = storedTokenFor(ctx.services, ctx.userId);
  if (!stored) throw new UserFacingError('Your PluralKit token is no longer stored, so your private history cannot be shown. Run `/token set`.');
  return stored.token;
}

/** Member names for history lines: public names in public views; hidden and deleted members handled. */
async function memberNames(ctx: CommandContext, state: HistoryState, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const stored = state.ownSystem ? storedTokenFor(ctx.services, ctx.userId) : null;
  if (stored) {
    // Names from the list already held; loaded once if it is not.
    const members = ctx.services.directory.peek('members', ctx.userId, stored) ?? (await ctx.services.directory.ownMembers(ctx.userId, stored));
    for (const member of members) names.set(member.id, state.owner ? member.name : publicMember(member).name);
    return names;
  }
  try {
    for (const member of await ctx.services.pluralkit.getSystemMembers(state.ref)) names.set(member.id, member.name);
  } catch {
    // A private member list: look members up one by one below.
  }
  const missing = [...new Set(ids)].filter((id) => !names.has(id)).slice(0, 20);
  await Promise.all(
    missing.map(async (id) => {
      try {
        names.set(id, (await ctx.services.pluralkit.getMember(id)).name);
      } catch {
        // Deleted members stay unnamed.
      }
    }),
  );
  return names;
}

const historyPager = pager({
  id: 'switch.history',
  usage: '/switch history',
  schema: HistoryState,
  async load(ctx, state, page) {
    if (page >= state.cursors.length) throw new UserFacingError('That page is not available.');
    const token = tokenFor(ctx, state);
    const before = state.cursors[page] ?? undefined;
    const entries = await ctx.services.pluralkit.getSystemSwitches(state.ref, { ...(before ? { before } : {}), limit: HISTORY_PAGE_SIZE + 1 }, token ? { token } : {});
    const shown = entries.slice(0, HISTORY_PAGE_SIZE);
    const hasNext = entries.length > HISTORY_PAGE_SIZE;
    const last = shown.at(-1);
    const next = { ...state, cursors: [...state.cursors], endedAt: [...state.endedAt] };
    if (hasNext && last) {
      next.cursors[page + 1] = last.timestamp;
      next.endedAt[page + 1] = last.timestamp;
    }
    const nameById = await memberNames(ctx, state, shown.flatMap((entry) => entry.members));
    const rendered = shown.map((entry, index) => ({
      id: entry.id,
      timestamp: entry.timestamp,
      members: entry.members.map((id) => ({ id, name: nameById.get(id) ?? null })),
      endedAt: index === 0 ? (state.endedAt[page] ?? null) : shown[index - 1]!.timestamp,
    }));
    return {
      message: { embeds: [renderSwitchHistory(rendered, { page, hasNext, systemLabel: state.label })] },
      hasNext,
      state: next,
    };
  },
});

export const switchHistory = subcommand({
  description: 'Front history, newest first',
  visibility: 'target',
  async run(ctx) {
    const { target } = ctx;
    await historyPager.open(ctx, {
      ref: target.systemRef,
      owner: target.token !== undefined,
      ownSystem: target.ownSystem,
      label: target.label,
      cursors: [null],
      endedAt: [null],
    });
  },
});

export const historyPagers = [historyPager];
