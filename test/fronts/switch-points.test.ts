import { describe, expect, it } from 'vitest';
import { formatInstant, parseIsoInstant } from '../../src/fronts/instant.js';
import { IntervalCollector, switchPointsFromIntervals, type FrontInterval } from '../../src/fronts/switch-points.js';

const at = (time: string) => parseIsoInstant(`2024-05-01T${time}:00Z`)!;
const interval = (member: string, start: string, end: string | null): FrontInterval => ({ member, start: at(start), end: end === null ? null : at(end) });
const lines = (intervals: FrontInterval[]) => switchPointsFromIntervals(intervals).map((point) => `${formatInstant(point.at).slice(11, 16)} ${point.members.join('+') || '-'}`);

describe('intervals to switches', () => {
  it('makes a switch at every start and end, with everyone fronting then', () => {
    expect(lines([interval('a', '08:00', '14:00'), interval('b', '12:00', '18:00')])).toEqual(['08:00 a', '12:00 a+b', '14:00 b', '18:00 -']);
  });

  it('collapses everything at one instant into one switch (a handover is not a switch-out)', () => {
    expect(lines([interval('a', '08:00', '10:00'), interval('b', '10:00', '12:00'), interval('c', '10:00', null)])).toEqual(['08:00 a', '10:00 b+c', '12:00 c']);
  });

  it('joins a member’s back-to-back entries and counts overlapping ones once', () => {
    expect(lines([interval('a', '08:00', '09:00'), interval('a', '09:00', '10:00'), interval('b', '08:30', '11:00'), interval('a', '08:15', '09:30')])).toEqual([
      '08:00 a',
      '08:30 a+b',
      '10:00 b',
      '11:00 -',
    ]);
  });

  it('lists members in the order they began fronting, file order breaking ties', () => {
    expect(lines([interval('b', '09:00', null), interval('c', '08:00', null), interval('a', '09:00', null)])).toEqual(['08:00 c', '09:00 c+b+a']);
  });

  it('keeps the order of those still fronting when someone leaves and comes back', () => {
    expect(lines([interval('a', '08:00', '09:00'), interval('b', '08:30', null), interval('a', '10:00', null)])).toEqual(['08:00 a', '08:30 a+b', '09:00 b', '10:00 b+a']);
  });

  it('lets a zero-length entry change nothing', () => {
    expect(lines([interval('a', '08:00', '08:00'), interval('b', '09:00', '10:00')])).toEqual(['09:00 b', '10:00 -']);
  });

  it('turns a live front into a switch with no end', () => {
    expect(lines([interval('a', '08:00', null)])).toEqual(['08:00 a']);
    expect(lines([])).toEqual([]);
  });
});

describe('IntervalCollector', () => {
  it('keeps usable entries and tallies the rest by reason', () => {
    const collector = new IntervalCollector((key) => key !== 'ghost');
    collector.add('a', at('08:00'), at('09:00'));
    collector.add('a', null, at('09:00'));
    collector.add('ghost', at('10:00'), at('11:00'));
    collector.add('a', at('12:00'), null);
    collector.add('a', at('13:00'), at('12:30'));
    collector.add('b', at('14:00'), 'open');
    expect(collector.switchPoints().map((point) => [formatInstant(point.at).slice(11, 16), point.members])).toEqual([
      ['08:00', ['a']],
      ['09:00', []],
      ['14:00', ['b']],
    ]);
    expect(collector.refused.list()).toEqual([
      { reason: 'invalid-time', count: 2, firstAt: at('12:00') },
      { reason: 'unknown-member', count: 1, firstAt: at('10:00') },
      { reason: 'ends-before-start', count: 1, firstAt: at('13:00') },
    ]);
  });
});
