import { UserFacingError } from '../../src/core/user-facing-error.js';
import { subcommand } from '../../src/framework/command-table.js';
import { timelineAltText } from '../../src/charts/alt-text.js';
import { drawChart } from '../../src/charts/draw-chart.js';
import { buildTimelineChart } from '../../src/charts/timeline-chart.js';
import { frontStatsFooter } from '../../src/render/stats.js';
import { chartTitle, namesHiddenNote, withChart } from '../../src/render/stats-reply.js';
import { embedColor } from '../../src/render/format.js';
import { safeName } from '../../src/text/markdown.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import { rangeField, readStatsWithProgress } from './options.js';

const CHART_FILE = 'timeline.png';

export const statsTimeline = subcommand({
  description: 'A timeline of who fronted when, one lane per member',
  options: { range: rangeField() },
  visibility: 'target',
  async run(ctx, args) {
    const source = await readStatsWithProgress(ctx, { range: args.range, group: undefined });
    const now = new Date();
    const stats = computeFrontStats(source.history.switches, { start: source.rangeStart, now: now.getTime() });
    if (stats.periodStart === null) throw new UserFacingError(`There is no front history in this range (${source.rangeLabel}) to draw.`);
    const input = { stats, members: source.members, title: chartTitle(source, 'Front timeline'), timeZone: source.timeZone };
    const { png, input: chart } = await drawChart(ctx.services.charts, input, buildTimelineChart);
    await ctx.reply.send({
      content: namesHiddenNote(source) ?? '',
      embeds: [withChart({ title: safeName(chart.title), color: embedColor(source.system.color), footer: { text: frontStatsFooter(stats, source.timeZone, now) } }, CHART_FILE)],
      files: [{ name: CHART_FILE, data: png, description: timelineAltText(chart) }],
    });
  },
});
