import { formatDuration } from '../time/format.js';
import { shareTotal } from '../stats/engine.js';
import { formatShare } from '../stats/share-format.js';
import type { FrontStats } from '../stats/types.js';
import { modeText, periodText, type ChartMembers } from './labels.js';
import { frontRows, DEFAULT_MAX_BARS } from './front-rows.js';
import { CHART_PAD, CHART_WIDTH, chartHeading, emptyChart } from './layout.js';
import { THEME } from './palette.js';
import type { Scene, SceneNode } from './scene.js';
import { fitText } from './text-fit.js';

export interface FrontChartInput {
  stats: FrontStats;
  members: ChartMembers;
  /** e.g. "Front share of Demo System"; shortened to fit. */
  title: string;
  /** The system's zone, for the period line. */
  timeZone: string;
  maxBars?: number;
}

const LABEL_WIDTH = 210;
const VALUE_ROOM = 118;
const BAR_X = CHART_PAD + LABEL_WIDTH + 12;
const BAR_AREA = CHART_WIDTH - CHART_PAD - VALUE_ROOM - BAR_X;
const ROWS_TOP = 104;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;

/** Axis maximum and its number of divisions: the smallest that holds the longest bar, in round steps. */
const SCALES: ReadonlyArray<[number, number]> = [
  [0.05, 5],
  [0.1, 5],
  [0.2, 4],
  [0.25, 5],
  [0.4, 4],
  [0.5, 5],
  [0.6, 6],
  [0.8, 4],
  [1, 4],
];

function scaleFor(longest: number): [number, number] {
  return SCALES.find(([max]) => longest <= max + 1e-9) ?? [Math.ceil(longest * 4) / 4, 4];
}

/**
 * `/stats front` as horizontal bars (a donut stops being readable long before 300 members): the
 * top members in their colours, an "others" bar for the rest, "(no fronter)" in grey, each with
 * its share and time. Bars are drawn to a round scale, not to 100 %, so small shares stay visible.
 */
export function buildFrontChart(input: FrontChartInput): Scene {
  const { stats } = input;
  if (stats.periodStart === null) return emptyChart(input.title);
  const total = shareTotal(stats);
  // Co-fronting counted for each member: say what the bars add up to, so no one looks for an error.
  const sum = !stats.flat && total > 1.0005 ? `shares add up to ${formatShare(total)} (co-fronting)` : null;
  const subtitle = [periodText(stats.periodStart, stats.periodEnd, input.timeZone), `${stats.switchCount} switches`, modeText(stats), sum].filter(Boolean).join(' · ');
  const rows = frontRows(stats, input.members, input.maxBars ?? DEFAULT_MAX_BARS);
  const [scaleMax, divisions] = scaleFor(Math.max(0, ...rows.map((row) => row.share)));
  const rowsBottom = ROWS_TOP + rows.length * ROW_HEIGHT;
  const nodes: SceneNode[] = chartHeading(input.title, subtitle);

  for (let step = 0; step <= divisions; step++) {
    const x = BAR_X + (BAR_AREA * step) / divisions;
    nodes.push({ kind: 'line', x1: x, y1: ROWS_TOP - 6, x2: x, y2: rowsBottom, stroke: THEME.grid, width: 1 });
    nodes.push({ kind: 'text', x, y: ROWS_TOP - 16, text: formatShare((scaleMax * step) / divisions), size: 11, weight: 400, fill: THEME.mutedText, anchor: 'middle' });
  }

  rows.forEach((row, index) => {
    const middle = ROWS_TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
    const labelColor = row.kind === 'member' ? THEME.text : THEME.mutedText;
    nodes.push({ kind: 'text', x: BAR_X - 12, y: middle, text: fitText(row.label, LABEL_WIDTH, 14), size: 14, weight: 400, fill: labelColor, anchor: 'end', maxWidth: LABEL_WIDTH });
    const width = Math.max(2, (BAR_AREA * Math.min(row.share, scaleMax)) / scaleMax);
    nodes.push({ kind: 'rect', x: BAR_X, y: middle - BAR_HEIGHT / 2, width, height: BAR_HEIGHT, radius: 3, fill: row.paint.fill, ...(row.paint.stroke ? { stroke: row.paint.stroke } : {}) });
    const value = `${formatShare(row.share)} · ${formatDuration(row.totalMs)}`;
    nodes.push({ kind: 'text', x: BAR_X + width + 8, y: middle, text: value, size: 13, weight: 700, fill: THEME.text, anchor: 'start', maxWidth: VALUE_ROOM + BAR_AREA - width - 8 });
  });

  return { width: CHART_WIDTH, height: rowsBottom + 20, background: THEME.background, nodes };
}
