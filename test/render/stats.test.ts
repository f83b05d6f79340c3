import { describe, expect, it } from 'vitest';
import type { SwitchSummary } from '../../src/pluralkit/models.js';
import { frontStatsFooter, renderFrontStatsPages } from '../../src/render/stats.js';
import { computeFrontStats } from '../../src/stats/engine.js';
import type { FrontStatsOptions } from '../../src/stats/types.js';
import { expectWithinDiscordLimits } from './fixtures.js';

const H = 3_600_000;
const NOW = new Date('2026-05-31T12:00:00Z');

function stats(entries: Array<[number, ...string[]]>, options: Partial<FrontStatsOptions> = {}) {
  const switches: SwitchSummary[] = entries.map(([hoursAgo, ...members], index) => ({ id: `s${index}`, timestamp: new Date(NOW.getTime() - hoursAgo * H).toISOString(), members }));
  return computeFrontStats(switches, { start: null, now: NOW.getTime(), ...options });
}

const names = (entries: Record<string, string | null>) => new Map(Object.entries(entries).map(([id, name]) => [id, { name }]));
const BASE = { systemLabel: 'your system', timeZone: 'Europe/Berlin', now: NOW, members: names({ alice: 'Alice', bob: 'B*b <@1>' }) };

describe('renderFrontStatsPages', () => {
  it('lists every member with share and time, most first, then no fronter, names escaped', () => {
    const [page, ...rest] = renderFrontStatsPages(stats([[10, 'alice'], [6, 'alice', 'bob'], [4], [2, 'gone']]), { ...BASE, color: '00ff00' });
    expect(rest).toEqual([]);
    expect(page!.title).toBe('Front share of your system');
    expect(page!.description!.split('\n')).toEqual([
      '**Alice** — 60% (6h 0m)',
      '**B\\*b \\<@1>** — 20% (2h 0m)',
      '*unknown member* (`gone`) — 20% (2h 0m)',
      '*(no fronter)* — 20% (2h 0m)',
    ]);
    expect(page!.color).toBe(0x00ff00);
    expect(page!.footer!.text).toBe('Since 2026-05-31 04:00:00 CEST (10h 0m ago)');
  });

  it('names the group, escaped, when the stats are for one', () => {
    const [page] = renderFrontStatsPages(stats([[2, 'alice']]), { ...BASE, groupName: '*Crew*' });
    expect(page!.title).toBe('Front share of \\*Crew\\* (your system)');
  });

  it('says so when nothing covers the range', () => {
    expect(renderFrontStatsPages(stats([]), BASE)).toEqual([{ title: 'Front share of your system', description: 'No front history in this range.', color: undefined }]);
  });

  it('says how far back the history could be read when the read stopped early', () => {
    const [page] = renderFrontStatsPages(stats([[2, 'alice']]), { ...BASE, readBackTo: NOW.getTime() - 2 * H });
    expect(page!.description).toMatch(/^⚠️ Only the front history since <t:1780221600:f> could be read in time; these figures cover that part\.\n\n\*\*Alice\*\*/);
  });

  it('shows all 300 members (no 24-member cap) over pages that each fit Discord\'s limits', () => {
    const entries: Array<[number, ...string[]]> = Array.from({ length: 300 }, (_, i) => [300 - i, `m${i}`]);
    const longNames = names(Object.fromEntries(entries.map(([, id]) => [id!, `${'Ŵïđé ñåmé *with* markdown '.repeat(4)}${id}`])));
    const computed = stats(entries);
    const pages = renderFrontStatsPages(computed, { ...BASE, members: longNames });
    expect(pages.length).toBeGreaterThan(2);
    const lines = pages.flatMap((page) => page.description!.split('\n'));
    expect(lines).toHaveLength(300);
    // Every member once, in the engine's order, none cut off.
    expect(lines.map((line) => /(m\d+)\*\* —/.exec(line)?.[1])).toEqual(computed.members.map((row) => row.memberId));
    pages.forEach((page, index) => {
      expectWithinDiscordLimits([page]);
      expect(page.title).toBe(`[${index + 1}/${pages.length}] Front share of your system`);
      expect(page.footer!.text).toMatch(/^Since /);
    });
  });

  it('keeps a heading with a mention out of the title, and still fits', () => {
    const entries: Array<[number, ...string[]]> = Array.from({ length: 200 }, (_, i) => [200 - i, `m${i}`]);
    const pages = renderFrontStatsPages(stats(entries), { ...BASE, systemLabel: "<@123456789012345678>'s system" });
    for (const page of pages) {
      expect(page.title).toBeUndefined();
      expect(page.description).toMatch(/^\*\*\[\d+\/\d+\] Front share of <@123456789012345678>'s system\*\*\n\n/);
      expectWithinDiscordLimits([page]);
    }
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
});
