import { joinWithin } from '../text/list-fit.js';
import { truncate } from '../text/truncate.js';
import { formatShare } from '../stats/share-format.js';
import { formatDuration } from '../time/format.js';
import type { FrontChartInput } from './front-chart.js';
import { frontRows } from './front-rows.js';
import { memberLabel, modeText, periodText } from './labels.js';
import type { TimelineChartInput } from './timeline-chart.js';

/** Discord's limit for an attachment's description (its alt text). */
export const ALT_TEXT_MAX = 1024;

function periodPart(input: FrontChartInput | TimelineChartInput): string | null {
  const { stats } = input;
  if (stats.periodStart === null) return null;
  const details = [`${stats.switchCount} switches`, modeText(stats)].filter(Boolean).join(', ');
  return `${periodText(stats.periodStart, stats.periodEnd, input.timeZone)} (${details})`;
}

function finish(opening: string, items: string[], closing: string): string {
  const room = Math.max(1, ALT_TEXT_MAX - opening.length - closing.length);
  // A very long title could still push it over; the cut then falls in the list, never mid-emoji.
  return truncate(`${opening}${joinWithin(items, ', ', room, (hidden) => `and ${hidden} more`)}${closing}`, ALT_TEXT_MAX);
}

/** Alt text for the front chart: the period and every bar it shows, in order, within 1,024 characters. */
export function frontChartAltText(input: FrontChartInput): string {
  const period = periodPart(input);
  if (!period) return truncate(`${input.title}: no front history in this range.`, ALT_TEXT_MAX);
  const items = frontRows(input.stats, input.members, input.maxBars).map((row) => `${row.label} ${formatShare(row.share)} (${formatDuration(row.totalMs)})`);
  return finish(`Bar chart, ${input.title}, ${period}: `, items, '.');
}

/** Alt text for the timeline: the period, then each lane's share of the time. */
export function timelineAltText(input: TimelineChartInput): string {
  const period = periodPart(input);
  if (!period) return truncate(`${input.title}: no front history in this range.`, ALT_TEXT_MAX);
  const { stats } = input;
  const items = stats.members.map((row) => `${memberLabel(row.memberId, input.members)} ${formatShare(row.share)}`);
  const gaps = stats.noFronter && stats.noFronter.totalMs > 0 ? `; gaps are switch-outs (${formatShare(stats.noFronter.share)})` : '';
  return finish(`Timeline, ${input.title}, ${period}, one lane per member. Front time: `, items, `${gaps}.`);
}
