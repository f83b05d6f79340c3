import type { HandlerContext, Needs } from '../../src/framework/context.js';
import { throttledProgress, workDeadline } from '../../src/framework/progress.js';
import { readingProgressText } from '../../src/render/stats-reply.js';
import { loadStatsSource, type StatsSource } from '../../src/session/front-stats.js';
import { groupField } from '../shared/fields/entities.js';
import { flag, optional, text } from '../../src/framework/fields.js';

/** Options /stats front and timeline share. */
export const rangeField = () =>
  text({ description: 'How far back: 24h, 7d, 30d (default), 90d, 1y, all, a duration like 100d12h, or a date', max: 100 });

export const statsGroupField = () => optional(groupField('Only count the members of this group'));
export const flatField = () => flag({ description: 'Shares add up to 100% (co-fronting time is split)' });
export const frontersOnlyField = () => flag({ description: 'Leave out time when nobody was fronting' });

/**
 * Defers at once (reading a long history takes a while), then reads what the reply needs while
 * showing "Reading front history… N switches", stopping in time to answer within Discord's window.
 */
export async function readStatsWithProgress(ctx: HandlerContext<Needs, 'target'>, choices: { range: string | undefined; group: string | undefined }): Promise<StatsSource> {
  await ctx.reply.defer();
  return loadStatsSource(ctx.services, {
    userId: ctx.userId,
    target: ctx.target,
    ...choices,
    deadline: workDeadline(),
    onProgress: throttledProgress(ctx, (read: number) => ({ content: readingProgressText(read) })),
  });
}
