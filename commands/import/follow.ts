import type { HandlerContext, Needs } from '../../src/framework/context.js';
import { throttledProgress, workDeadline } from '../../src/framework/progress.js';
import type { ImportJobRecord } from '../../src/stores/import-jobs/import-job-store.js';
import { importContinuesText, importProgressText, importSummaryText } from '../../src/render/front-import.js';

/**
 * Shows a running import's progress in this interaction's reply until the job ends (then its
 * summary), or until the reply can no longer be edited or the bot stops (then where it got; the
 * job goes on, and `/import status` tells the rest).
 */
export async function followImport(ctx: HandlerContext<Needs, 'ephemeral'>, job: ImportJobRecord): Promise<void> {
  const report = throttledProgress(ctx, (current: ImportJobRecord) => ({ content: importProgressText(current), embeds: [], components: [] }));
  let timer: NodeJS.Timeout | undefined;
  const replyEnds = new Promise<'reply-ends'>((resolve) => {
    timer = setTimeout(() => resolve('reply-ends'), workDeadline() - Date.now());
    timer.unref();
  });
  let latest = job;
  try {
    const ended = await Promise.race([
      ctx.services.imports.watch(job.id, (current) => {
        latest = current;
        report(current);
      }),
      replyEnds,
    ]);
    if (ended !== 'reply-ends' && ended) latest = ended;
  } finally {
    clearTimeout(timer);
  }
  const text = latest.status === 'running' ? importContinuesText(latest) : importSummaryText(latest);
  await ctx.reply.send({ content: text, embeds: [], components: [] });
}
