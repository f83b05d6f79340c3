import { subcommand } from '../../src/framework/command-table.js';
import { importSummaryText, NO_IMPORT_TEXT } from '../../src/render/front-import.js';
import { followImport } from './follow.js';

export const importStatus = subcommand({
  description: 'How far your front history import got, or how it ended',
  needs: { token: true },
  async run(ctx) {
    const job = await ctx.services.stores.importJobs.latestFor(ctx.auth.systemId);
    if (!job) return ctx.reply.send({ content: NO_IMPORT_TEXT });
    // A running import shows its progress here too, while this reply lives.
    if (job.status === 'running') {
      await ctx.reply.defer();
      return followImport(ctx, job);
    }
    await ctx.reply.send({ content: importSummaryText(job) });
  },
});
