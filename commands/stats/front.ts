import type { APIEmbed } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { subcommand } from '../../src/framework/command-table.js';
import { pager } from '../../src/framework/pager.js';
import { frontChartAltText } from '../../src/charts/alt-text.js';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { drawChart } from '../../src/charts/draw-chart.js';
import { renderFrontStatsPages } from '../../src/render/stats.js';
import { chartTitle, namesHiddenNote, statsSystemLabel, withChart } from '../../src/render/stats-reply.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import { flatField, frontersOnlyField, rangeField, readStatsWithProgress, statsGroupField } from './options.js';

const CHART_FILE = 'front.png';

/** The table's pages are kept as rendered: turning a page needs no new read of the history. */
const tablePager = pager({
  id: 'stats.front',
  usage: '/stats front',
  schema: z.object({ pages: z.array(z.custom<APIEmbed>((value) => typeof value === 'object' && value !== null)).min(1) }),
  async load(_ctx, state, page) {
    const embed = state.pages[page];
    if (!embed) throw new UserFacingError('That page is not available.');
    return { message: { embeds: [embed] }, hasNext: page < state.pages.length - 1, pageCount: state.pages.length };
  },
});

export const statsFront = subcommand({
  description: 'Share of front time per member, with a chart',
  options: { range: rangeField(), group: statsGroupField(), flat: flatField(), fronters_only: frontersOnlyField() },
  visibility: 'target',
  async run(ctx, args) {
    const source = await readStatsWithProgress(ctx, { range: args.range, group: args.group });
    const now = Date.now();
    const stats = computeFrontStats(source.history.switches, {
      start: source.rangeStart,
      now,
      flat: args.flat ?? false,
      frontersOnly: args.fronters_only ?? false,
      ...(source.group ? { memberFilter: source.group.memberIds } : {}),
    });
    if (stats.periodStart === null) throw new UserFacingError(`There is no front history in this range (${source.rangeLabel}) to chart.`);
    const input = { stats, members: source.members, title: chartTitle(source, 'Front share'), timeZone: source.timeZone };
    const { png, input: chart } = await drawChart(ctx.services.charts, input, buildFrontChart);
    const pages = renderFrontStatsPages(stats, {
      systemLabel: statsSystemLabel(source),
      groupName: source.group?.name ?? null,
      members: source.members,
      timeZone: source.timeZone,
      now: new Date(now),
      color: source.group?.color ?? source.system.color,
      readBackTo: source.history.coveredFrom !== null && source.rangeStart !== null && source.history.coveredFrom > source.rangeStart ? source.history.coveredFrom : null,
    }).map((page) => withChart(page, CHART_FILE));
    await tablePager.open(ctx, { pages }, { content: namesHiddenNote(source) ?? '', files: [{ name: CHART_FILE, data: png, description: frontChartAltText(chart) }] });
  },
});

export const frontPagers = [tablePager];
