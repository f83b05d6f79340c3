import { describe, expect, it } from 'vitest';
import { checkSwitchMembers, checkSwitchTime, MAX_SWITCH_MEMBERS } from '../../src/switches/guards.js';

describe('switch guards', () => {
  it('refuses duplicates, naming them', () => {
    const result = checkSwitchMembers(['a', 'b', 'a'], { currentFronterIds: null });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('`a`') });
  });

  it('allows 150 members and refuses 151', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
    expect(checkSwitchMembers(ids(MAX_SWITCH_MEMBERS), { currentFronterIds: null }).ok).toBe(true);
    const result = checkSwitchMembers(ids(151), { currentFronterIds: null });
    expect(result.ok === false && result.message).toMatch(/at most 150 .*151/);
  });

  it('refuses the current fronters in the same order only', () => {
    expect(checkSwitchMembers(['a', 'b'], { currentFronterIds: ['a', 'b'] }).ok).toBe(false);
    expect(checkSwitchMembers(['b', 'a'], { currentFronterIds: ['a', 'b'] }).ok).toBe(true);
    const out = checkSwitchMembers([], { currentFronterIds: [] });
    expect(out.ok === false && out.message).toMatch(/switch-out/);
  });

  it('refuses the future (beyond a minute of clock skew) and times at or before the previous switch', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    expect(checkSwitchTime(new Date('2026-05-01T12:00:30Z'), { now }).ok).toBe(true);
    expect(checkSwitchTime(new Date('2026-05-01T12:05:00Z'), { now }).ok).toBe(false);
    const previousSwitchAt = new Date('2026-05-01T10:00:00Z');
    expect(checkSwitchTime(new Date('2026-05-01T11:00:00Z'), { now, previousSwitchAt }).ok).toBe(true);
    const before = checkSwitchTime(previousSwitchAt, { now, previousSwitchAt });
    expect(before.ok === false && before.message).toMatch(/<t:\d+:f>/);
  });
});
