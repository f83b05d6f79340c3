import { joinWithin } from '../text/list-fit.js';
import { truncate } from '../text/truncate.js';
import { formatShare } from '../stats/share-format.js';
import { formatDuration } from '../time/format.js';
import type { FrontChartInput } from './front-chart.js';
import { frontRows } from './front-rows.js';
import { memberLabel, modeText, periodText, type ChartMembers } from './labels.js';
import type { TimelineChartInput } from './timeline-chart.js';

/** Discord's limit for an attachment's description (its alt text). */
export const ALT_TEXT_MAX = 1024;

function periodPart(input: FrontChartInput | TimelineChartInput): string | null {
  const { stats } = input;
  if (stats.periodStart === null) return null;
  const details = [`${stats.switchCount} switches`, modeText(stats)].filter(Boolean).join(', ');
  return `${periodText(stats.periodStart, stats.periodEnd, input.timeZone)} (${details})`;
}

/** At most this much of the alt text goes to saying who the members shown by ID are. */
const UNDRAWN_NOTE_MAX = 300;

/** Who each member the chart shows by ID is (their names have characters no chart font draws): a screen reader can say them. */
function undrawnNote(labels: readonly string[], members: ChartMembers): string {
  const named = [...members].flatMap(([id, member]) => (member.nameUndrawable && member.name && labels.includes(memberLabel(id, members)) ? [`${id} is ${member.name.trim()}`] : []));
  if (named.length === 0) return '';
  return ` Shown by ID because the chart has no font for their names: ${joinWithin(named, '; ', UNDRAWN_NOTE_MAX, (hidden) => `and ${hidden} more`)}.`;
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
  const rows = frontRows(input.stats, input.members, input.maxBars);
  const items = rows.map((row) => `${row.label} ${formatShare(row.share)} (${formatDuration(row.totalMs)})`);
  return finish(`Bar chart, ${input.title}, ${period}: `, items, `.${undrawnNote(rows.map((row) => row.label), input.members)}`);
}

/** Alt text for the timeline: the period, then each lane's share of the time. */
export function timelineAltText(input: TimelineChartInput): string {
  const period = periodPart(input);
  if (!period) return truncate(`${input.title}: no front history in this range.`, ALT_TEXT_MAX);
  const { stats } = input;
  const labels = stats.members.map((row) => memberLabel(row.memberId, input.members));
  const items = stats.members.map((row, index) => `${labels[index]} ${formatShare(row.share)}`);
  const gaps = stats.noFronter && stats.noFronter.totalMs > 0 ? `; gaps are switch-outs (${formatShare(stats.noFronter.share)})` : '';
  return finish(`Timeline, ${input.title}, ${period}, one lane per member. Front time: `, items, `${gaps}.${undrawnNote(labels, input.members)}`);
}
