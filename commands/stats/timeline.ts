import { refuse } from '../../src/core/refusal.js';
import { subcommand } from '../../src/framework/command-table.js';
import { timelineAltText } from '../../src/charts/alt-text.js';
import { drawChart } from '../../src/charts/draw-chart.js';
import { buildTimelineChart } from '../../src/charts/timeline-chart.js';
import { frontStatsFooter } from '../../src/render/stats.js';
import { chartMembersOf, chartTitle, statsNotes, withChart } from '../../src/render/stats-reply.js';
import { embedColor } from '../../src/render/format.js';
import { safeName } from '../../src/text/markdown.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import { unnamed } from '../../src/stats/member-names.js';
import { nameWithProgress, rangeField, readStatsWithProgress, untilField } from './options.js';

const CHART_FILE = 'timeline.png';
/** Members named: the lanes, and as many as the alt text can list. */
const NAMED_MEMBERS = 40;

export const statsTimeline = subcommand({
  description: 'A timeline of who fronted when, one lane per member',
  options: { range: rangeField(), until: untilField() },
  visibility: 'target',
  help: 'Switch-outs are gaps; over 45 days each lane shows its share of every day (a year: every week)',
  async run(ctx, args) {
    const source = await readStatsWithProgress(ctx, { range: args.range, until: args.until, group: undefined });
    const { range } = source;
    const stats = computeFrontStats(source.history.switches, { start: range.start?.getTime() ?? null, now: range.end.getTime() });
    if (stats.periodStart === null) refuse('stats.nothing-in-range', { range: range.label, drawing: 'timeline' });
    const shown = stats.members.slice(0, NAMED_MEMBERS).map((row) => row.memberId);
    const names = await nameWithProgress(ctx, source, shown);
    const input = { stats, members: chartMembersOf(names), title: chartTitle(source, 'Front timeline'), timeZone: range.timeZone };
    const { png, input: chart } = await drawChart(ctx.services.charts, input, buildTimelineChart);
    await ctx.reply.send({
      content: statsNotes(range, unnamed(names, shown).length),
      embeds: [withChart({ title: safeName(chart.title), color: embedColor(source.system.color), footer: { text: frontStatsFooter(stats, range.timeZone, range.endsNow ? range.end : new Date()) } }, CHART_FILE)],
      files: [{ name: CHART_FILE, data: png, description: timelineAltText(chart) }],
    });
  },
});
