import { describe, expect, it } from 'vitest';
import { renderSwitchHistory, type HistoryEntry } from '../../src/render/switch-history.js';
import { expectWithinDiscordLimits, NOW } from './fixtures.js';

const T10 = 1777629600; // 2026-05-01T10:00:00Z
const T08 = T10 - 2 * 3600;
const T_DAY_BEFORE = T08 - 86400 - 30 * 60;

const entries: HistoryEntry[] = [
  { id: '1', timestamp: '2026-05-01T10:00:00Z', members: [{ id: 'aaaaa', name: 'Alice' }, { id: 'bbbbb', name: 'B*b' }], endedAt: null },
  { id: '2', timestamp: '2026-05-01T08:00:00Z', members: [], endedAt: '2026-05-01T10:00:00Z' },
  { id: '3', timestamp: '2026-04-30T07:30:00Z', members: [{ id: 'gonee', name: null }, { id: 'aaaaa', name: 'Alice' }], endedAt: '2026-05-01T08:00:00Z' },
];

describe('renderSwitchHistory', () => {
  it('writes one line per switch, newest first: names, start, and how long it lasted once ended', () => {
    const embed = renderSwitchHistory(entries, { page: 0, hasNext: true, now: NOW, systemLabel: 'your system' });
    expect(embed.description!.split('\n')).toEqual([
      `**Alice**, **B\\*b** — <t:${T10}:f> (<t:${T10}:R>)`,
      `**no fronter** — <t:${T08}:f> (<t:${T08}:R>), for 2h 0m`,
      `*deleted member* (\`gonee\`), **Alice** — <t:${T_DAY_BEFORE}:f> (<t:${T_DAY_BEFORE}:R>), for 1d 0h`,
    ]);
    expect(embed.title).toBe('Front history of your system');
    expect(embed.footer?.text).toBe('Page 1 · newest first');
  });

  it('says which page it is, and how many there are on the last one', () => {
    expect(renderSwitchHistory(entries, { page: 2, hasNext: true, systemLabel: 'x' }).footer?.text).toBe('Page 3 · newest first');
    expect(renderSwitchHistory(entries, { page: 2, hasNext: false, systemLabel: 'x' }).footer?.text).toBe('Page 3 of 3 · newest first');
  });

  it('takes the system colour', () => {
    expect(renderSwitchHistory(entries, { page: 0, hasNext: false, systemLabel: 'x', color: '123456' }).color).toBe(0x123456);
    expect(renderSwitchHistory(entries, { page: 0, hasNext: false, systemLabel: 'x', color: null }).color).toBeUndefined();
  });

  it('explains an empty first page and an empty later page', () => {
    expect(renderSwitchHistory([], { page: 0, hasNext: false, systemLabel: 'x' }).description).toBe('This system has no registered switches yet.');
    expect(renderSwitchHistory([], { page: 1, hasNext: false, systemLabel: 'x' }).description).toBe('No older switches.');
  });

  it('puts a label with a mention in the description, where it renders', () => {
    const embed = renderSwitchHistory(entries.slice(0, 1), { page: 0, hasNext: false, systemLabel: "<@42>'s system" });
    expect(embed.title).toBeUndefined();
    expect(embed.description).toBe(`**Front history of <@42>'s system**\n\n**Alice**, **B\\*b** — <t:${T10}:f> (<t:${T10}:R>)`);
  });

  it('shows at most ten switches a page', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...entries[1]!, id: String(i) }));
    expect(renderSwitchHistory(many, { page: 0, hasNext: true, systemLabel: 'x' }).description!.split('\n')).toHaveLength(10);
  });

  it('keeps all ten switches of 150 hundred-character names within limits, counting hidden names', () => {
    const crowd = Array.from({ length: 10 }, (_, i) => ({
      id: String(i),
      timestamp: '2026-05-01T10:00:00Z',
      members: Array.from({ length: 150 }, (_, j) => ({ id: `m${j}`, name: `${j}`.padStart(100, 'x') })),
      endedAt: i === 0 ? null : '2026-05-02T10:00:00Z',
    }));
    const embed = renderSwitchHistory(crowd, { page: 0, hasNext: true, systemLabel: "<@123456789012345678>'s system".padEnd(250, '!') });
    expectWithinDiscordLimits([embed]);
    const lines = embed.description!.split('\n').filter((line) => line.includes(':f>'));
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^\*\*x+0\*\*, \*\*x+1\*\*, \*\+148 more\* — <t:\d+:f>/);
  });
});
