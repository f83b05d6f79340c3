import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { pager } from '../../src/framework/pager.js';
import { renderSwitchHistory } from '../../src/render/switch-history.js';
import { systemHeadingName } from '../../src/render/system.js';
import { historyMemberNames } from '../../src/session/history-names.js';
import { FIRST_HISTORY_PAGE, HistoryCursor, readHistoryPage } from '../../src/switches/history.js';

const HistoryState = HistoryCursor.extend({
  /** Path ref: `@me` for the owner view, else the public ref. */
  ref: z.string(),
  owner: z.boolean(),
  ownSystem: z.boolean(),
  label: z.string(),
});

const historyPager = pager({
  id: 'switch.history',
  usage: '/switch history',
  schema: HistoryState,
  // The owner's token for an owner view, read at each page (it is never stored with the view).
  needs: (state) => (state.owner ? { token: 'to-show' } : {}),
  async load(ctx, state, page) {
    const { entries, hasNext, cursor } = await readHistoryPage(ctx.services, { ref: state.ref, token: ctx.auth?.token }, state, page);
    const nameById = await historyMemberNames(ctx.services, ctx.userId, state, entries.flatMap((entry) => entry.members));
    const rendered = entries.map((entry) => ({ ...entry, members: entry.members.map((id) => ({ id, name: nameById.get(id) ?? null })) }));
    return {
      message: { embeds: [renderSwitchHistory(rendered, { page, hasNext, systemLabel: state.label })] },
      hasNext,
      state: { ...state, ...cursor },
    };
  },
});

export const switchHistory = subcommand({
  description: 'Front history, newest first',
  visibility: 'target',
  flows: [historyPager],
  async run(ctx) {
    const { target } = ctx;
    await historyPager.open(ctx, { ref: target.systemRef, owner: target.token !== undefined, ownSystem: target.ownSystem, label: systemHeadingName(await target.naming()), ...FIRST_HISTORY_PAGE });
  },
});
