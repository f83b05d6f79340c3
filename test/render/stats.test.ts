import { describe, expect, it } from 'vitest';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import { frontStatsFooter, frontTablePageCount, frontTablePageMembers, renderFrontTablePage, type FrontTableOptions } from '../../src/render/stats.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import { packFrontTable, unpackFrontTable } from '../../src/stats/front-table.js';
import type { MemberNames } from '../../src/stats/member-names.js';
import type { FrontStatsOptions } from '../../src/stats/types.js';
import { expectWithinDiscordLimits } from './fixtures.js';

const H = 3_600_000;
const NOW = new Date('2026-05-31T12:00:00Z');

function stats(entries: Array<[number, ...string[]]>, options: Partial<FrontStatsOptions> = {}) {
  const switches: SwitchSummary[] = entries.map(([hoursAgo, ...members], index) => ({ id: `s${index}`, timestamp: new Date(NOW.getTime() - hoursAgo * H).toISOString(), members }));
  return computeFrontStats(switches, { start: null, now: NOW.getTime(), ...options });
}

const names = (entries: Record<string, string>, gone: string[] = []): MemberNames => ({
  named: new Map(Object.entries(entries).map(([id, name]) => [id, { name, color: null }])),
  gone: new Set(gone),
});
const BASE: FrontTableOptions = { systemLabel: 'your system', timeZone: 'Europe/Berlin', now: NOW, names: names({ alice: 'Alice', bob: 'B*b <@1>' }) };

function allPages(table: Parameters<typeof renderFrontTablePage>[0], options: FrontTableOptions) {
  return Array.from({ length: frontTablePageCount(table) }, (_, page) => renderFrontTablePage(table, options, page));
}

describe('renderFrontTablePage', () => {
  it('lists members with share and time, most first, then no fronter; names escaped; deleted and unlooked-up members told apart', () => {
    const page = renderFrontTablePage(stats([[10, 'alice'], [6, 'alice', 'bob'], [4], [3, 'gone'], [2, 'shy']]), { ...BASE, names: names({ alice: 'Alice', bob: 'B*b <@1>' }, ['gone']), color: '00ff00' }, 0);
    expect(page.title).toBe('Front share of your system');
    expect(page.description!.split('\n')).toEqual([
      'ℹ️ Co-fronting counts in full for each member, so these add up to 120%; `flat` splits it so they add up to 100%.',
      '',
      '**Alice** — 60% (6h 0m)',
      '**B\\*b \\<@1>** — 20% (2h 0m)',
      '*unknown member* (`shy`) — 20% (2h 0m)',
      '*deleted member* (`gone`) — 10% (1h 0m)',
      '*(no fronter)* — 10% (1h 0m)',
    ]);
    expect(page.color).toBe(0x00ff00);
    expect(page.footer!.text).toBe('Since 2026-05-31 04:00:00 CEST (10h 0m ago)');
  });

  it('says what the shares add up to when co-fronting takes them over 100%, pointing at flat', () => {
    const cofronted = stats([[10, 'alice', 'bob'], [5, 'alice']]);
    expect(renderFrontTablePage(cofronted, BASE, 0).description).toMatch(/^ℹ️ Co-fronting counts in full for each member, so these add up to 150%; `flat` splits it so they add up to 100%\.\n\n\*\*Alice\*\*/);
    expect(renderFrontTablePage(stats([[10, 'alice', 'bob'], [5, 'alice']], { flat: true }), BASE, 0).description).not.toMatch(/Co-fronting/);
    expect(renderFrontTablePage(stats([[10, 'alice'], [5, 'bob']]), BASE, 0).description).not.toMatch(/Co-fronting/);
  });

  it('names the group, escaped, and its no-fronter row as time when no one from it fronted', () => {
    const page = renderFrontTablePage(stats([[4, 'alice'], [2, 'bob']], { memberFilter: new Set(['alice']), groupName: '*Crew*' }), BASE, 0);
    expect(page.title).toBe('Front share of \\*Crew\\* (your system)');
    expect(page.description).toContain('*(no one from \\*Crew\\*)* — 50% (2h 0m)');
    expect(page.description).not.toContain('(no fronter)');
  });

  it('says so when nothing covers the range', () => {
    expect(renderFrontTablePage(stats([]), BASE, 0)).toEqual({ title: 'Front share of your system', description: 'No front history in this range.', color: undefined });
  });

  it('says how far back the history could be read when the read stopped early', () => {
    const page = renderFrontTablePage(stats([[2, 'alice']]), { ...BASE, readBackTo: NOW.getTime() - 2 * H }, 0);
    expect(page.description).toMatch(/^⚠️ Only the front history since <t:1780221600:f> could be read in time; these figures cover that part\.\n\n\*\*Alice\*\*/);
  });

  it('pages 44 members (and the no-fronter row) 20 rows at a time', () => {
    const entries: Array<[number, ...string[]]> = [...Array.from({ length: 44 }, (_, i): [number, ...string[]] => [90 - i * 2, `m${i}`]), [1]];
    const table = stats(entries);
    expect(frontTablePageCount(table)).toBe(3);
    expect(frontTablePageMembers(table, 2)).toEqual(table.members.slice(40).map((row) => row.memberId));
    const pages = allPages(table, BASE);
    expect(pages.map((page) => page.description!.split('\n').length)).toEqual([20, 20, 5]);
    expect(pages.map((page) => page.title)).toEqual(['[1/3] Front share of your system', '[2/3] Front share of your system', '[3/3] Front share of your system']);
    expect(pages[2]!.description).toMatch(/\*\(no fronter\)\* — /);
  });

  it('shows all 300 members (no 24-member cap) over pages that each fit Discord’s limits, even with the longest names', () => {
    const entries: Array<[number, ...string[]]> = Array.from({ length: 300 }, (_, i) => [300 - i, `m${i}`]);
    const computed = stats(entries);
    const longNames = names(Object.fromEntries(entries.map(([, id]) => [id!, `${id} ${'*_~`|<@&>'.repeat(12)}`.slice(0, 100)])));
    const pages = allPages(computed, { ...BASE, names: longNames, readBackTo: NOW.getTime() - H, systemLabel: "<@123456789012345678>'s system" });
    expect(pages).toHaveLength(15);
    const lines = pages.flatMap((page) => page.description!.replace(/^\*\*.*\*\*\n\n/, '').split('\n').filter((line) => / — /.test(line)));
    expect(lines.map((line) => /^\*\*(m\d+)/.exec(line)?.[1])).toEqual(computed.members.map((row) => row.memberId));
    for (const page of pages) expectWithinDiscordLimits([page]);
  });

  it('draws the same page from the packed table kept between page turns, which stays small', () => {
    const entries: Array<[number, ...string[]]> = Array.from({ length: 1000 }, (_, i) => [1000 - i, `m${String(i).padStart(5, '0')}`]);
    const computed = stats(entries, { flat: true });
    const packed = packFrontTable(computed);
    const table = unpackFrontTable(JSON.parse(JSON.stringify(packed)));
    expect(renderFrontTablePage(table, BASE, 7)).toEqual(renderFrontTablePage(computed, BASE, 7));
    expect(JSON.stringify(packed).length).toBeLessThan(25_000);
  });
});

describe('frontStatsFooter', () => {
  const history: Array<[number, ...string[]]> = [[30, 'alice'], [2]];
  it.each([
    [{}, 'Since 2026-05-30 08:00:00 CEST (1d 6h ago)'],
    [{ flat: true }, 'Since 2026-05-30 08:00:00 CEST (1d 6h ago). Showing flat list (percentages add up to 100%)'],
    [{ flat: true, frontersOnly: true }, 'Since 2026-05-30 08:00:00 CEST (1d 6h ago). Showing flat list (percentages add up to 100%), ignoring switch-outs'],
    [{ frontersOnly: true }, 'Since 2026-05-30 08:00:00 CEST (1d 6h ago). Ignoring switch-outs'],
  ])('mode %o', (mode, expected) => {
    expect(frontStatsFooter(stats(history, mode), 'Europe/Berlin', NOW)).toBe(expected);
  });

  it('starts where the period really starts, not at the requested start', () => {
    expect(frontStatsFooter(stats(history, { start: NOW.getTime() - 90 * 24 * H }), 'UTC', NOW)).toBe('Since 2026-05-30 06:00:00 UTC (1d 6h ago)');
  });

  it('gives both ends of a range that ended before now', () => {
    const ended = stats(history, { now: NOW.getTime() - 6 * H });
    expect(frontStatsFooter(ended, 'UTC', NOW)).toBe('From 2026-05-30 06:00:00 UTC to 2026-05-31 06:00:00 UTC (1d 0h)');
  });
});
