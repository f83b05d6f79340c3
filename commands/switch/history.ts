import { z } from 'zod';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import type { CommandContext } from '../../src/framework/command.js';
import { subcommand } from '../../src/framework/command-table.js';
import { pager } from '../../src/framework/pager.js';
import { HISTORY_PAGE_SIZE, renderSwitchHistory } from '../../src/render/switch-history.js';
import { historyMemberNames } from '../../src/session/history-names.js';
import { storedTokenFor } from '../../src/access/stored-token.js';

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
async function tokenFor(ctx: CommandContext, state: HistoryState): Promise<string | undefined> {
  if (!state.owner) return undefined;
  const stored = await storedTokenFor(ctx.services, ctx.userId);
  if (!stored) throw new UserFacingError('Your PluralKit token is no longer stored, so your private history cannot be shown. Run `/token set`.');
  return stored.token;
}

const historyPager = pager({
  id: 'switch.history',
  usage: '/switch history',
  schema: HistoryState,
  async load(ctx, state, page) {
    if (page >= state.cursors.length) throw new UserFacingError('That page is not available.');
    const token = await tokenFor(ctx, state);
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
    const nameById = await historyMemberNames(ctx.services, ctx.userId, state, shown.flatMap((entry) => entry.members));
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
  flows: [historyPager],
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

