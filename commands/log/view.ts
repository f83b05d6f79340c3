import { subcommand } from '../../src/framework/command-table.js';
import { renderLogView } from '../../src/render/front-log.js';
import { Refusal } from '../../src/core/refusal.js';

export const logView = subcommand({
  description: 'Your front logs: channel, style, privacy, dispatch or polling, last change, health',
  async run(ctx) {
    const mine = await ctx.services.stores.logSubscriptions.forUser(ctx.userId);
    if (mine.length === 0) throw new Refusal('log.none', {});
    await ctx.reply.send(renderLogView(mine, ctx.services.config.logPollMs / 1000));
  },
});
