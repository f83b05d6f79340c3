import { bucketCoverage, bucketUnitFor, calendarBuckets, type BucketUnit, type TimeBucket } from '../stats/buckets.js';
import { unionOfIntervals } from '../stats/engine.js';
import type { FrontInterval, FrontStats } from '../stats/types.js';
import { memberLabel, modeText, othersLabel, periodText, type ChartMembers } from './labels.js';
import { CHART_PAD, CHART_WIDTH, chartHeading, emptyChart, splitTop } from './layout.js';
import { memberPaint, THEME, type MemberPaint } from './palette.js';
import type { Scene, SceneNode } from './scene.js';
import { fitText } from './text-fit.js';
import { timeTicks } from './time-axis.js';

export interface TimelineChartInput {
  stats: FrontStats;
  members: ChartMembers;
  title: string;
  timeZone: string;
  /** Lanes for members at most, "others" included; default 12. */
  maxLanes?: number;
}

export interface TimelineLane {
  kind: 'member' | 'others';
  label: string;
  intervals: FrontInterval[];
  paint: MemberPaint;
}

const LABEL_WIDTH = 160;
const PLOT_X = CHART_PAD + LABEL_WIDTH + 12;
const PLOT_WIDTH = CHART_WIDTH - CHART_PAD - PLOT_X;
const LANES_TOP = 84;
const LANE_HEIGHT = 24;
const BAR_HEIGHT = 16;
export const DEFAULT_MAX_LANES = 12;

/** One lane per top member (most time first) and one for the rest; switch-outs are the gaps in every lane. */
export function timelineLanes(stats: FrontStats, members: ChartMembers, maxLanes = DEFAULT_MAX_LANES): TimelineLane[] {
  const { shown, rest } = splitTop(stats.members, maxLanes);
  const lanes: TimelineLane[] = shown.map((row) => ({
    kind: 'member',
    label: memberLabel(row.memberId, members),
    intervals: row.intervals,
    paint: memberPaint(row.memberId, members.get(row.memberId)?.color),
  }));
  if (rest.length > 0) {
    lanes.push({ kind: 'others', label: othersLabel(rest.length), intervals: unionOfIntervals(rest.map((row) => row.intervals)), paint: { fill: THEME.others } });
  }
  return lanes;
}

/** Intervals as pixel spans, at least 1 px wide, merged where they would touch on screen. */
function pixelSpans(intervals: readonly FrontInterval[], start: number, end: number): Array<[number, number]> {
  const scale = PLOT_WIDTH / (end - start);
  const spans: Array<[number, number]> = [];
  for (const interval of intervals) {
    const x0 = PLOT_X + (Math.max(interval.start, start) - start) * scale;
    const x1 = Math.max(x0 + 1, PLOT_X + (Math.min(interval.end, end) - start) * scale);
    const last = spans.at(-1);
    if (last && x0 - last[1] < 0.5) last[1] = Math.max(last[1], x1);
    else spans.push([x0, x1]);
  }
  return spans;
}

/** What the subtitle says about how lanes are drawn: gaps for switch-outs, or what a bar of a day or week means. */
function drawingNote(stats: FrontStats, unit: BucketUnit | null): string | null {
  if (unit) return `bar height: share of each ${unit}`;
  return stats.noFronter && stats.noFronter.totalMs > 0 ? 'gaps are switch-outs' : null;
}

/** A lane's time per day or week as bars rising from the lane's bottom, full height for the whole bucket. */
function bucketBars(lane: TimelineLane, buckets: readonly TimeBucket[], toX: (instant: number) => number, top: number): SceneNode[] {
  const bars: SceneNode[] = [];
  const covered = bucketCoverage(lane.intervals, buckets);
  buckets.forEach((bucket, index) => {
    const share = covered[index]!;
    if (!(share > 0)) return;
    const x0 = toX(bucket.start);
    // A hairline between neighbours where there is room for one.
    const width = Math.max(1, toX(bucket.end) - x0 - (toX(bucket.end) - x0 >= 4 ? 1 : 0));
    const height = Math.max(1.5, BAR_HEIGHT * share);
    bars.push({ kind: 'rect', x: x0, y: top + BAR_HEIGHT - height, width, height, fill: lane.paint.fill, ...(lane.paint.stroke ? { stroke: lane.paint.stroke } : {}) });
  });
  return bars;
}

/**
 * `/stats timeline`: who fronted when, one lane per member over the covered period, with a time
 * axis in the system's zone. Up to 45 days every switch is drawn as it was, switch-outs being
 * gaps in every lane; longer periods show each member's share of every day or week as a bar.
 */
export function buildTimelineChart(input: TimelineChartInput): Scene {
  const { stats } = input;
  if (stats.periodStart === null || stats.periodEnd <= stats.periodStart) return emptyChart(input.title);
  const start = stats.periodStart;
  const end = stats.periodEnd;
  const lanes = timelineLanes(stats, input.members, input.maxLanes ?? DEFAULT_MAX_LANES);
  const lanesBottom = LANES_TOP + lanes.length * LANE_HEIGHT;
  const unit = bucketUnitFor(end - start);
  const subtitle = [periodText(start, end, input.timeZone), `${stats.switchCount} switches`, modeText(stats), drawingNote(stats, unit)].filter(Boolean).join(' · ');
  const nodes: SceneNode[] = chartHeading(input.title, subtitle);
  const toX = (instant: number): number => PLOT_X + ((Math.min(Math.max(instant, start), end) - start) / (end - start)) * PLOT_WIDTH;
  const buckets = unit ? calendarBuckets(start, end, input.timeZone, unit) : [];

  const laneMiddle = (index: number): number => LANES_TOP + index * LANE_HEIGHT + LANE_HEIGHT / 2;
  // Painted in layers: lane backgrounds, then the grid, then who fronted, so the grid never cuts a bar.
  lanes.forEach((lane, index) => {
    const middle = laneMiddle(index);
    nodes.push({ kind: 'rect', x: PLOT_X, y: middle - BAR_HEIGHT / 2, width: PLOT_WIDTH, height: BAR_HEIGHT, fill: THEME.lane });
    const labelColor = lane.kind === 'member' ? THEME.text : THEME.mutedText;
    nodes.push({ kind: 'text', x: PLOT_X - 12, y: middle, text: fitText(lane.label, LABEL_WIDTH, 13), size: 13, weight: 400, fill: labelColor, anchor: 'end', maxWidth: LABEL_WIDTH });
  });
  for (const tick of timeTicks(start, end, input.timeZone)) {
    const x = PLOT_X + ((tick.at - start) / (end - start)) * PLOT_WIDTH;
    nodes.push({ kind: 'line', x1: x, y1: LANES_TOP - 4, x2: x, y2: lanesBottom + 4, stroke: THEME.grid, width: 1 });
    nodes.push({ kind: 'text', x, y: lanesBottom + 16, text: tick.label, size: 11, weight: 400, fill: THEME.mutedText, anchor: 'middle' });
  }
  lanes.forEach((lane, index) => {
    const top = laneMiddle(index) - BAR_HEIGHT / 2;
    if (unit) {
      nodes.push(...bucketBars(lane, buckets, toX, top));
      return;
    }
    for (const [x0, x1] of pixelSpans(lane.intervals, start, end)) {
      nodes.push({ kind: 'rect', x: x0, y: top, width: x1 - x0, height: BAR_HEIGHT, fill: lane.paint.fill, ...(lane.paint.stroke ? { stroke: lane.paint.stroke } : {}) });
    }
  });
  return { width: CHART_WIDTH, height: lanesBottom + 36, background: THEME.background, nodes };
}
