import { describe, expect, it } from 'vitest';
import { describeRefusal } from '../../src/render/refusals.js';
import { checkSwitchMembers, checkSwitchTime, EARLIEST_SWITCH_TIME, FUTURE_TOLERANCE_MS, isInFuture, MAX_SWITCH_MEMBERS, type GuardResult } from '../../src/switches/guards.js';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
const messageOf = (result: GuardResult): string => {
  if (result.ok) throw new Error('expected a refusal');
  return describeRefusal(result.refusal);
};

describe('checkSwitchMembers', () => {
  it('accepts a new set of fronters', () => {
    expect(checkSwitchMembers(['a', 'b'], { currentFronterIds: ['a'] })).toEqual({ ok: true });
    expect(checkSwitchMembers(['a'], { currentFronterIds: null })).toEqual({ ok: true });
    expect(checkSwitchMembers([], { currentFronterIds: ['a'] })).toEqual({ ok: true });
  });

  it('refuses repeats, naming each once', () => {
    const message = messageOf(checkSwitchMembers(['a', 'b', 'a', 'a', 'c', 'b'], { currentFronterIds: null }));
    expect(message).toBe("A switch can't list the same member twice: `a`, `b` are listed more than once.");
  });

  it('names repeats with the names the caller gives', () => {
    const message = messageOf(checkSwitchMembers(['a', 'a'], { currentFronterIds: null, names: { a: 'Alice *the first*' } }));
    expect(message).toBe("A switch can't list the same member twice: **Alice \\*the first\\*** is listed more than once.");
  });

  it('allows 150 members and refuses 151', () => {
    expect(MAX_SWITCH_MEMBERS).toBe(150);
    expect(checkSwitchMembers(ids(150), { currentFronterIds: null }).ok).toBe(true);
    expect(messageOf(checkSwitchMembers(ids(151), { currentFronterIds: null }))).toBe('A switch can have at most 150 members; you gave 151.');
  });

  it('refuses the current fronters in the same order, as PluralKit compares them', () => {
    expect(messageOf(checkSwitchMembers(['a', 'b'], { currentFronterIds: ['a', 'b'] }))).toMatch(/already fronting, in that order/);
    expect(checkSwitchMembers(['b', 'a'], { currentFronterIds: ['a', 'b'] }).ok).toBe(true);
    expect(checkSwitchMembers(['a'], { currentFronterIds: ['a', 'b'] }).ok).toBe(true);
    expect(checkSwitchMembers(['a', 'b', 'c'], { currentFronterIds: ['a', 'b'] }).ok).toBe(true);
  });

  it('words an identical single fronter and an identical switch-out specifically', () => {
    expect(messageOf(checkSwitchMembers(['a'], { currentFronterIds: ['a'], names: { a: 'Alice' } }))).toBe('**Alice** is already fronting.');
    expect(messageOf(checkSwitchMembers([], { currentFronterIds: [] }))).toMatch(/Nobody is fronting already.*switch-out/);
  });

  it('skips the identical check when the switch will not become the latest', () => {
    expect(checkSwitchMembers(['a'], { currentFronterIds: null }).ok).toBe(true);
  });
});

describe('checkSwitchTime', () => {
  const now = new Date('2026-05-01T12:00:00Z');

  it('allows now, the past, and up to a minute of clock skew', () => {
    expect(checkSwitchTime(now, { now })).toEqual({ ok: true });
    expect(checkSwitchTime(new Date('2020-01-01T00:00:00Z'), { now }).ok).toBe(true);
    expect(checkSwitchTime(new Date(now.getTime() + FUTURE_TOLERANCE_MS), { now }).ok).toBe(true);
  });

  it('refuses the future, showing the time as it was read', () => {
    const later = new Date(now.getTime() + FUTURE_TOLERANCE_MS + 1000);
    const message = messageOf(checkSwitchTime(later, { now }));
    expect(message).toContain(`<t:${Math.floor(later.getTime() / 1000)}:f>`);
    expect(message).toMatch(/in the future/);
  });

  it('refuses a move to or before the previous switch, showing that switch’s time', () => {
    const previousSwitchAt = new Date('2026-05-01T10:00:00Z');
    expect(checkSwitchTime(new Date('2026-05-01T10:00:01Z'), { now, previousSwitchAt }).ok).toBe(true);
    const same = messageOf(checkSwitchTime(previousSwitchAt, { now, previousSwitchAt }));
    expect(same).toMatch(/the same time as your previous switch \(<t:1777629600:f>, <t:1777629600:R>\)/);
    const before = messageOf(checkSwitchTime(new Date('2026-05-01T09:00:00Z'), { now, previousSwitchAt }));
    expect(before).toMatch(/before your previous switch \(<t:1777629600:f>/);
    expect(checkSwitchTime(new Date('2026-05-01T09:00:00Z'), { now, previousSwitchAt: null }).ok).toBe(true);
  });

  it('refuses the exact time of the latest switch (PluralKit keeps one switch per moment)', () => {
    const latestSwitchAt = new Date('2026-05-01T11:00:00Z');
    expect(messageOf(checkSwitchTime(latestSwitchAt, { now, latestSwitchAt }))).toMatch(/already a switch at exactly that time/);
    expect(checkSwitchTime(new Date('2026-05-01T11:00:00.001Z'), { now, latestSwitchAt }).ok).toBe(true);
  });

  it('refuses an invalid date', () => {
    expect(checkSwitchTime(new Date(Number.NaN), { now }).ok).toBe(false);
  });

  describe('lower bound', () => {
    const created = new Date('2021-03-04T05:06:07Z');
    const createdTag = `<t:${Math.floor(created.getTime() / 1000)}:f>`;

    it('refuses a time before the system was created, naming the earliest allowed time', () => {
      const message = messageOf(checkSwitchTime(new Date('2021-03-04T05:06:06Z'), { now, notBefore: created }));
      expect(message).toBe(
        `That time (2021-03-04 05:06 UTC) is before your system was created; the earliest time a switch can have is ${createdTag}, <t:${Math.floor(created.getTime() / 1000)}:R>.`,
      );
      expect(checkSwitchTime(created, { now, notBefore: created })).toEqual({ ok: true });
      expect(checkSwitchTime(new Date('2021-03-04T05:06:08Z'), { now, notBefore: created }).ok).toBe(true);
    });

    it('refuses year 1 and anything before 2018 even when the creation time is unknown, in plain text Discord can draw', () => {
      for (const early of [new Date('0001-01-01T00:00:00Z'), new Date('2017-12-31T23:59:59Z'), new Date(-1)]) {
        const message = messageOf(checkSwitchTime(early, { now }));
        expect(message).toMatch(/before PluralKit existed; the earliest time a switch can have is <t:1514764800:f>, <t:1514764800:R>\. Check the year\.$/);
        expect(message).not.toMatch(/<t:-/);
      }
      expect(messageOf(checkSwitchTime(new Date('0001-01-01T00:00:00Z'), { now, notBefore: null }))).toContain('(0001-01-01 00:00 UTC)');
      expect(checkSwitchTime(EARLIEST_SWITCH_TIME, { now }).ok).toBe(true);
    });

    it('keeps the 2018 floor when the creation time given is earlier or unreadable', () => {
      expect(messageOf(checkSwitchTime(new Date('2010-01-01T00:00:00Z'), { now, notBefore: new Date('2005-01-01T00:00:00Z') }))).toMatch(/before PluralKit existed/);
      expect(messageOf(checkSwitchTime(new Date('2010-01-01T00:00:00Z'), { now, notBefore: new Date(Number.NaN) }))).toMatch(/before PluralKit existed/);
    });

    it('checks the future first, and the previous switch after the lower bound', () => {
      const previousSwitchAt = new Date('2021-01-01T00:00:00Z');
      expect(messageOf(checkSwitchTime(new Date('2020-06-01T00:00:00Z'), { now, notBefore: created, previousSwitchAt }))).toMatch(/before your system was created/);
      expect(messageOf(checkSwitchTime(new Date('2027-01-01T00:00:00Z'), { now, notBefore: created }))).toMatch(/in the future/);
    });
  });
});

describe('isInFuture', () => {
  it('tolerates a minute by default, or what the caller says', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    expect(isInFuture(new Date(now.getTime() + 60_000), now)).toBe(false);
    expect(isInFuture(new Date(now.getTime() + 60_001), now)).toBe(true);
    expect(isInFuture(new Date(now.getTime() + 1), now, 0)).toBe(true);
  });
});
