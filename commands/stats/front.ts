import { z } from 'zod';
import { refuse } from '../../src/core/refusal.js';
import { subcommand } from '../../src/framework/command-table.js';
import { pager } from '../../src/framework/pager.js';
import { frontChartAltText } from '../../src/charts/alt-text.js';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { DEFAULT_MAX_BARS } from '../../src/charts/front-rows.js';
import { drawChart } from '../../src/charts/draw-chart.js';
import { frontTablePageCount, frontTablePageMembers, renderFrontTablePage, TABLE_ROWS_PER_PAGE } from '../../src/render/stats.js';
import { chartMembersOf, chartTitle, statsNotes, statsSystemLabel, withChart } from '../../src/render/stats-reply.js';
import { assertStillViewable } from '../../src/session/front-stats.js';
import { memberNames } from '../../src/session/history-names.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import { packFrontTable, PackedFrontTableSchema, unpackFrontTable } from '../../src/stats/front-table.js';
import { unnamed, type MemberNames } from '../../src/stats/member-names.js';
import { flatField, frontersOnlyField, nameWithProgress, rangeField, readStatsWithProgress, statsGroupField, untilField } from './options.js';

const CHART_FILE = 'front.png';
/** Tables a user can page at once; opening another drops the oldest (each holds about 20 bytes per member). */
const OPEN_TABLES_PER_USER = 3;
/** A page turn waits this long at most for member names; who is left is shown by ID. */
const PAGE_NAMING_MS = 8_000;

const TableState = z.object({
  view: z.object({ ref: z.string(), owner: z.boolean(), ownSystem: z.boolean(), systemId: z.string() }),
  systemLabel: z.string(),
  color: z.string().nullable(),
  timeZone: z.string(),
  /** When the figures were computed (the period's end when it ends now): the footer's "ago" counts to it. */
  computedAt: z.number(),
  readBackTo: z.number().nullable(),
  table: PackedFrontTableSchema,
  /** The first page's names, looked up with the chart's; never stored (a later page looks its names up then). */
  names: z.custom<MemberNames>().optional(),
});

/**
 * The table keeps only totals per member between page turns; each page names its members when
 * it is shown, in the view's rights at that moment (a public view is checked to be still public).
 */
const tablePager = pager({
  id: 'stats.front',
  usage: '/stats front',
  keepPerUser: OPEN_TABLES_PER_USER,
  schema: TableState,
  async load(ctx, state, page) {
    const { names: firstNames, ...kept } = state;
    const table = unpackFrontTable(state.table);
    const pageCount = frontTablePageCount(table);
    if (page >= pageCount) refuse('history.page-unavailable', {});
    const ids = frontTablePageMembers(table, page);
    let names = firstNames;
    if (!names) {
      await assertStillViewable(ctx.services, ctx.userId, state.view);
      names = await memberNames(ctx.services, ctx.userId, state.view, ids, { deadline: Date.now() + PAGE_NAMING_MS });
    }
    const embed = renderFrontTablePage(table, { systemLabel: state.systemLabel, names, timeZone: state.timeZone, now: new Date(state.computedAt), color: state.color, readBackTo: state.readBackTo }, page);
    return { message: { embeds: [withChart(embed, CHART_FILE)] }, hasNext: page < pageCount - 1, pageCount, state: kept };
  },
});

export const statsFront = subcommand({
  description: 'Share of front time per member, with a chart',
  options: { range: rangeField(), until: untilField(), group: statsGroupField(), flat: flatField(), fronters_only: frontersOnlyField() },
  visibility: 'target',
  flows: [tablePager],
  help: '`range` also takes `3mo` (months; `m` is minutes), `this month`, `last month` or a month by name, and `until` ends it before now; co-fronting counts in full for each member unless `flat`; the table pages 20 members at a time',
  async run(ctx, args) {
    const source = await readStatsWithProgress(ctx, { range: args.range, until: args.until, group: args.group });
    const { range } = source;
    const stats = computeFrontStats(source.history.switches, {
      start: range.start?.getTime() ?? null,
      now: range.end.getTime(),
      flat: args.flat ?? false,
      frontersOnly: args.fronters_only ?? false,
      ...(source.group ? { memberFilter: source.group.memberIds, groupName: source.group.name } : {}),
    });
    if (stats.periodStart === null) refuse('stats.nothing-in-range', { range: range.label, drawing: 'chart' });
    // The chart's bars and the first page of the table.
    const shown = stats.members.slice(0, Math.max(DEFAULT_MAX_BARS, TABLE_ROWS_PER_PAGE)).map((row) => row.memberId);
    const names = await nameWithProgress(ctx, source, shown);
    const input = { stats, members: chartMembersOf(names), title: chartTitle(source, 'Front share'), timeZone: range.timeZone };
    const { png, input: chart } = await drawChart(ctx.services.charts, input, buildFrontChart);
    const history = source.history;
    const readBackTo = history.coveredFrom !== null && range.start !== null && history.coveredFrom > range.start.getTime() ? history.coveredFrom : null;
    await tablePager.open(
      ctx,
      {
        view: source.view,
        systemLabel: statsSystemLabel(source),
        color: source.group?.color ?? source.system.color,
        timeZone: range.timeZone,
        computedAt: (range.endsNow ? range.end : new Date()).getTime(),
        readBackTo,
        table: packFrontTable(stats),
        names,
      },
      { content: statsNotes(range, unnamed(names, shown).length), files: [{ name: CHART_FILE, data: png, description: frontChartAltText(chart) }] },
    );
  },
});

