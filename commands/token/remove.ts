import { z } from 'zod';
import { subcommand } from '../../src/framework/command-table.js';
import { confirmation, NOTHING_TO_REREAD } from '../../src/framework/confirm.js';

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
    await ctx.services.stores.logSubscriptions.removeForUser(ctx.userId);
    await ctx.reply.send({
      content: removed
        ? '✅ Your PluralKit token is forgotten. To make sure it can never be used again, send `pk;token refresh` to PluralKit.'
        : 'There was no stored token to forget.',
      components: [],
    });
  },
});

export const tokenRemove = subcommand({
  description: 'Forget your stored token',
  flows: [confirmRemove],
  async run(ctx) {
    // Whether one is stored, not whether it opens: a damaged token can be forgotten too.
    if (!(await ctx.services.tokens.has(ctx.userId))) {
      await ctx.reply.send({ content: 'No PluralKit token is stored for you, so there is nothing to remove.' });
      return;
    }
    await confirmRemove.ask(ctx, {
      payload: {},
      prompt: { content: '⚠️ Forget your stored PluralKit token? Switchboard will no longer be able to change your system until you set it up again.' },
    });
  },
});

