import type { HandlerContext, Needs } from '../../src/framework/context.js';
import { throttledProgress, workDeadline } from '../../src/framework/progress.js';
import { namingProgressText, readingProgressText } from '../../src/render/stats-reply.js';
import { loadStatsSource, type StatsSource } from '../../src/session/front-stats.js';
import { memberNames } from '../../src/session/history-names.js';
import type { MemberNames } from '../../src/stats/member-names.js';
import { groupField } from '../shared/fields/entities.js';
import { flag, optional, text } from '../../src/framework/fields.js';

/** Options /stats front and timeline share. */
export const rangeField = () =>
  text({
    description: 'How far back: 24h, 7d, 30d (default), 90d, 1y, all, 3mo, this month, last month, November, or a date',
    max: 100,
    autocomplete: 'range',
  });
export const untilField = () => text({ description: 'End the range before now: a date (through its end), a time, a time ago (7d), a month', max: 100 });

export const statsGroupField = () => optional(groupField('Only count the members of this group'));
export const flatField = () => flag({ description: 'Shares add up to 100% (co-fronting time is split)' });
export const frontersOnlyField = () => flag({ description: 'Leave out time when nobody was fronting' });

/**
 * Defers at once (reading a long history takes a while), then reads what the reply needs while
 * showing "Reading front history… N switches", stopping in time to answer within Discord's window.
 */
export async function readStatsWithProgress(
  ctx: HandlerContext<Needs, 'target'>,
  choices: { range: string | undefined; until: string | undefined; group: string | undefined },
): Promise<StatsSource & { deadline: number }> {
  const deadline = workDeadline();
  await ctx.reply.defer();
  const source = await loadStatsSource(ctx.services, {
    userId: ctx.userId,
    target: ctx.target,
    ...choices,
    deadline,
    onProgress: throttledProgress(ctx, (read: number) => ({ content: readingProgressText(read) })),
  });
  return { ...source, deadline };
}

/** Names for the members a reply shows, with "Looking up member names… N of M" while a private list is named one by one. */
export function nameWithProgress(ctx: HandlerContext<Needs, 'target'>, source: StatsSource & { deadline: number }, ids: Iterable<string>): Promise<MemberNames> {
  const report = throttledProgress(ctx, ({ looked, of }: { looked: number; of: number }) => ({ content: namingProgressText(looked, of) }));
  return memberNames(ctx.services, ctx.userId, source.view, ids, { deadline: source.deadline, onProgress: (looked, of) => report({ looked, of }) });
}
