import { describe, expect, it } from 'vitest';
import { timelineAltText } from '../../src/charts/alt-text.js';
import type { RectNode, Scene, TextNode } from '../../src/charts/scene.js';
import { sceneToSvg } from '../../src/charts/svg.js';
import { buildTimelineChart, timelineLanes } from '../../src/charts/timeline-chart.js';
import { THEME } from '../../src/charts/palette.js';
import { manyMembers, membersOf, statsOf } from './fixtures.js';

const texts = (scene: Scene) => scene.nodes.filter((node): node is TextNode => node.kind === 'text').map((node) => node.text);
/** Coloured spans (not lane backgrounds) whose middle is in the lane of the label at `labelY`. */
function spansInLane(scene: Scene, label: string): RectNode[] {
  const labelNode = scene.nodes.find((node): node is TextNode => node.kind === 'text' && node.text === label)!;
  return scene.nodes.filter(
    (node): node is RectNode => node.kind === 'rect' && node.fill !== THEME.lane && node.height === 16 && Math.abs(node.y + 8 - labelNode.y) < 1,
  );
}

/** Bars (not lane backgrounds) inside the lane of the label: for day and week bars, which stand on the lane's bottom. */
function barsInLane(scene: Scene, label: string): RectNode[] {
  const labelNode = scene.nodes.find((node): node is TextNode => node.kind === 'text' && node.text === label)!;
  return scene.nodes.filter((node): node is RectNode => node.kind === 'rect' && node.fill !== THEME.lane && Math.abs(node.y + node.height - (labelNode.y + 8)) < 0.01);
}

// Over 10 hours: Alice 10→6 h ago, switch-out 6→4, Alice and Bob 4→2, Bob 2→now.
const STATS = statsOf([
  [10, 'alice'],
  [6],
  [4, 'alice', 'bob'],
  [2, 'bob'],
]);
const MEMBERS = membersOf({ alice: { name: 'Alice', color: 'ff7000' }, bob: { name: 'Bob' } });

describe('buildTimelineChart', () => {
  const scene = buildTimelineChart({ stats: STATS, members: MEMBERS, title: 'Timeline', timeZone: 'UTC' });

  it('draws each member\'s stretches in their lane, with the switch-out as a gap', () => {
    const alice = spansInLane(scene, 'Alice');
    expect(alice).toHaveLength(2);
    const [first, second] = alice;
    // 10 hours over the plot: the gap is the 2-hour switch-out, one fifth of the width.
    const plotWidth = 800 - 24 - (24 + 160 + 12);
    expect(first!.width).toBeCloseTo(plotWidth * 0.4, 5);
    expect(second!.x - (first!.x + first!.width)).toBeCloseTo(plotWidth * 0.2, 5);
    expect(first!.fill).toBe('#ff7000');
  });

  it('draws switch-outs only as gaps, and says so, as the alt text does', () => {
    expect(timelineLanes(STATS, MEMBERS).map((lane) => lane.label)).toEqual(['Alice', 'Bob']);
    expect(texts(scene)).not.toContain('(no fronter)');
    expect(texts(scene)[1]).toBe('31 May 2026, 02:00 – 31 May 2026, 12:00 UTC · 4 switches · gaps are switch-outs');
    expect(scene.nodes.some((node) => node.kind === 'rect' && node.fill === THEME.noFronter)).toBe(false);
  });

  it('draws more than 45 days as each member’s share of every day, and a year as weeks, in the zone', () => {
    // Alice fronts the first 12 hours of every day for 60 days, Bob the rest; then a year of the same.
    const days = (count: number): Array<[number, ...string[]]> => Array.from({ length: count * 2 }, (_, i) => [count * 24 - i * 12, i % 2 ? 'bob' : 'alice']);
    const daily = buildTimelineChart({ stats: statsOf(days(60)), members: MEMBERS, title: 'Timeline', timeZone: 'UTC' });
    expect(texts(daily)[1]).toMatch(/ · bar height: share of each day$/);
    const aliceDays = barsInLane(daily, 'Alice');
    expect(aliceDays).toHaveLength(60);
    // Half of each day: half the lane's height, standing on its bottom; the first day is cut to the afternoon, all hers.
    expect(aliceDays[0]!.height).toBeCloseTo(16, 5);
    for (const bar of aliceDays.slice(1)) expect(bar.height).toBeCloseTo(8, 5);
    const weekly = buildTimelineChart({ stats: statsOf(days(364)), members: MEMBERS, title: 'Timeline', timeZone: 'Europe/Berlin' });
    expect(texts(weekly)[1]).toMatch(/ · bar height: share of each week$/);
    expect(barsInLane(weekly, 'Alice').length).toBeLessThanOrEqual(53);
    expect(weekly.nodes.length).toBeLessThan(200);
  });

  it('labels the time axis in the system zone', () => {
    const tokyo = buildTimelineChart({ stats: STATS, members: MEMBERS, title: 'Timeline', timeZone: 'Asia/Tokyo' });
    expect(texts(tokyo)).toEqual(expect.arrayContaining(['12:00', '15:00', '18:00', '21:00']));
    expect(texts(scene)).toEqual(expect.arrayContaining(['03:00', '06:00', '09:00']));
  });

  it('keeps the top members in lanes and the rest in one "others" lane', () => {
    const stats = manyMembers(40);
    const lanes = timelineLanes(stats, new Map(), 12);
    expect(lanes.map((lane) => lane.kind)).toEqual([...Array(11).fill('member'), 'others']);
    expect(lanes[11]!.label).toBe('29 others');
  });

  it('merges stretches that touch on screen, so thousands of switches stay a small image', () => {
    const entries: Array<[number, ...string[]]> = [];
    for (let i = 0; i < 2000; i++) entries.push([2000 - i, i % 2 ? 'alice' : 'bob']);
    const dense = buildTimelineChart({ stats: statsOf(entries), members: MEMBERS, title: 'Timeline', timeZone: 'UTC' });
    expect(dense.nodes.length).toBeLessThan(1300);
    expect(sceneToSvg(dense).length).toBeLessThan(200_000);
  });

  it('says there is nothing to show for an empty range', () => {
    expect(texts(buildTimelineChart({ stats: statsOf([]), members: MEMBERS, title: 'Timeline', timeZone: 'UTC' }))).toEqual(['Timeline', 'No front history in this range.']);
  });

  it('has alt text naming each member\'s share and the switch-outs', () => {
    expect(timelineAltText({ stats: STATS, members: MEMBERS, title: 'Timeline', timeZone: 'UTC' })).toBe(
      'Timeline, Timeline, 31 May 2026, 02:00 – 31 May 2026, 12:00 UTC (4 switches), one lane per member. Front time: Alice 60%, Bob 40%; gaps are switch-outs (20%).',
    );
  });
});
