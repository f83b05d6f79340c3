import { describe, expect, it } from 'vitest';
import { frontChartAltText } from '../../src/charts/alt-text.js';
import { buildFrontChart } from '../../src/charts/front-chart.js';
import { frontRows } from '../../src/charts/front-rows.js';
import { THEME } from '../../src/charts/palette.js';
import type { RectNode, Scene, TextNode } from '../../src/charts/scene.js';
import { sceneToSvg } from '../../src/charts/svg.js';
import { manyMembers, membersOf, statsOf } from './fixtures.js';

const texts = (scene: Scene) => scene.nodes.filter((node): node is TextNode => node.kind === 'text').map((node) => node.text);
const bars = (scene: Scene) => scene.nodes.filter((node): node is RectNode => node.kind === 'rect' && node.height === 20);

const STATS = statsOf([
  [10, 'alice'],
  [6, 'alice', 'bob'],
  [4],
  [2, 'carol'],
]);
const MEMBERS = membersOf({ alice: { name: 'Alice 🌸', color: 'ff7000' }, bob: { name: 'Zoë <b>&' }, carol: { name: '桜子' } });

describe('buildFrontChart', () => {
  const scene = buildFrontChart({ stats: STATS, members: MEMBERS, title: 'Front share of Demo', timeZone: 'Europe/Berlin' });

  it('draws one bar per member, most time first, then no fronter, each with share and time', () => {
    expect(texts(scene)).toEqual(
      expect.arrayContaining(['Front share of Demo', 'Alice 🌸', 'Zoë <b>&', '桜子', '(no fronter)', '60% · 6h 0m', '20% · 2h 0m']),
    );
    const labels = texts(scene).filter((text) => ['Alice 🌸', 'Zoë <b>&', '桜子', '(no fronter)'].includes(text));
    expect(labels).toEqual(['Alice 🌸', 'Zoë <b>&', '桜子', '(no fronter)']);
    expect(bars(scene).map((bar) => bar.fill)).toEqual(['#ff7000', expect.stringMatching(/^#/), expect.stringMatching(/^#/), THEME.noFronter]);
  });

  it('draws bar lengths in proportion to the shares, on a round scale', () => {
    const [alice, bob] = bars(scene);
    // 60 % and 20 % of a 0–60 % axis: Alice fills the bar area, Bob a third of it.
    expect(bob!.width / alice!.width).toBeCloseTo(1 / 3, 5);
    expect(texts(scene)).toEqual(expect.arrayContaining(['0%', '10%', '30%', '60%']));
  });

  it('states the period in the system zone, the switch count, the mode, and what co-fronting made the shares add up to', () => {
    expect(texts(scene)[1]).toBe('31 May 2026, 04:00 – 31 May 2026, 14:00 CEST · 4 switches · shares add up to 120% (co-fronting)');
    const apart = buildFrontChart({ stats: statsOf([[4, 'alice'], [2, 'bob']]), members: MEMBERS, title: 't', timeZone: 'UTC' });
    expect(texts(apart)[1]).toBe('31 May 2026, 08:00 – 31 May 2026, 12:00 UTC · 2 switches');
    const flat = buildFrontChart({ stats: statsOf([[4, 'alice']], { flat: true, frontersOnly: true }), members: MEMBERS, title: 't', timeZone: 'UTC' });
    expect(texts(flat)[1]).toMatch(/ · 1 switches · flat \(adds up to 100%\), ignoring switch-outs$/);
  });

  it('escapes every name in the SVG', () => {
    const svg = sceneToSvg(scene);
    expect(svg).toContain('>Zoë &lt;b&gt;&amp;</text>');
    expect(svg).not.toContain('<b>');
  });

  it('shows the top members and one "others" bar when there are more than fit', () => {
    const stats = manyMembers(300);
    const rows = frontRows(stats, new Map(), 15);
    expect(rows).toHaveLength(15);
    expect(rows.slice(0, 14).map((row) => row.label)).toEqual(stats.members.slice(0, 14).map((row) => `unknown member (${row.memberId})`));
    expect(rows[14]).toMatchObject({ kind: 'others', label: '286 others', count: 286 });
    const chart = buildFrontChart({ stats, members: new Map(), title: 't', timeZone: 'UTC' });
    expect(bars(chart)).toHaveLength(15);
    expect(chart.height).toBeLessThan(700);
  });

  it('calls time when no one from the group fronted by the group’s name', () => {
    const group = statsOf([[4, 'alice'], [2, 'bob']], { memberFilter: new Set(['alice']), groupName: 'Crew' });
    const chart = buildFrontChart({ stats: group, members: MEMBERS, title: 't', timeZone: 'UTC' });
    expect(texts(chart)).toContain('(no one from Crew)');
    expect(texts(chart)).not.toContain('(no fronter)');
    expect(frontChartAltText({ stats: group, members: MEMBERS, title: 't', timeZone: 'UTC' })).toContain('(no one from Crew) 50% (2h 0m)');
  });

  it('shows every member when they fit, without an "others" bar', () => {
    expect(frontRows(manyMembers(15), new Map(), 15).map((row) => row.kind)).toEqual(Array(15).fill('member'));
  });

  it('says there is nothing to show for an empty range', () => {
    const empty = buildFrontChart({ stats: statsOf([]), members: new Map(), title: 'Front share', timeZone: 'UTC' });
    expect(texts(empty)).toEqual(['Front share', 'No front history in this range.']);
  });
});

describe('frontChartAltText', () => {
  it('summarises the period and every bar in order', () => {
    expect(frontChartAltText({ stats: STATS, members: MEMBERS, title: 'Front share of Demo', timeZone: 'Europe/Berlin' })).toBe(
      'Bar chart, Front share of Demo, 31 May 2026, 04:00 – 31 May 2026, 14:00 CEST (4 switches): Alice 🌸 60% (6h 0m), Zoë <b>& 20% (2h 0m), 桜子 20% (2h 0m), (no fronter) 20% (2h 0m).',
    );
  });

  it('stays within Discord\'s 1,024 characters with many long names', () => {
    const stats = manyMembers(300);
    const names = new Map(stats.members.map((row) => [row.memberId, { name: `${'Extraordinarily long name '.repeat(4)}${row.memberId}`, color: null }]));
    const alt = frontChartAltText({ stats, members: names, title: 'Front share', timeZone: 'UTC', maxBars: 60 });
    expect(alt.length).toBeLessThanOrEqual(1024);
    expect(alt).toMatch(/and \d+ more\.$/);
  });
});
