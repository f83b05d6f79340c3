import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation, NOTHING_TO_REREAD } from '../../src/framework/confirm.js';
import { CONFIRM_TOKEN_REMOVE_TEXT, NO_TOKEN_TO_REMOVE_TEXT, tokenRemovedMessage } from '../../src/render/token.js';

const confirmRemove = confirmation({
  id: 'token.remove',
  label: 'Forget token',
  danger: true,
  schema: z.object({}),
  needs: {},
  // Forgetting one's own stored token depends on nothing that can change meanwhile.
  reread: NOTHING_TO_REREAD,
  async run(ctx) {
    const removed = await ctx.services.tokens.remove(ctx.userId);
    // A front log reads with this token: without it the log would only fail.
    const logsEnded = await ctx.services.stores.logSubscriptions.removeForUser(ctx.userId);
    await ctx.reply.send({ content: tokenRemovedMessage(removed, logsEnded), components: [] });
  },
});

export const tokenRemove = subcommand({
  description: 'Forget your stored token',
  flows: [confirmRemove],
  async run(ctx) {
    // Whether one is stored, not whether it opens: a damaged token can be forgotten too.
    if (!(await ctx.services.tokens.has(ctx.userId))) {
      await ctx.reply.send({ content: NO_TOKEN_TO_REMOVE_TEXT });
      return;
    }
    await confirmRemove.ask(ctx, {
      payload: {},
      prompt: { content: CONFIRM_TOKEN_REMOVE_TEXT },
    });
  },
});

