import { DateTime, type DurationLikeObject } from 'luxon';

export interface TimeTick {
  at: number;
  label: string;
}

interface TickStep {
  step: DurationLikeObject;
  /** Rough length, to pick a step that gives few enough ticks. */
  approxMs: number;
  align: (time: DateTime) => DateTime;
  label: (time: DateTime) => string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function hourStep(hours: number): TickStep {
  return {
    step: { hours },
    approxMs: hours * HOUR,
    align: (time) => time.startOf('hour').set({ hour: Math.floor(time.hour / hours) * hours }),
    // A tick at local midnight names the day instead of saying 00:00.
    label: (time) => (time.hour === 0 && time.minute === 0 ? time.toFormat('d LLL') : time.toFormat('HH:mm')),
  };
}

const STEPS: TickStep[] = [
  hourStep(1),
  hourStep(3),
  hourStep(6),
  hourStep(12),
  { step: { days: 1 }, approxMs: DAY, align: (t) => t.startOf('day'), label: (t) => t.toFormat('d LLL') },
  { step: { days: 2 }, approxMs: 2 * DAY, align: (t) => t.startOf('day'), label: (t) => t.toFormat('d LLL') },
  { step: { weeks: 1 }, approxMs: 7 * DAY, align: (t) => t.startOf('week'), label: (t) => t.toFormat('d LLL') },
  { step: { weeks: 2 }, approxMs: 14 * DAY, align: (t) => t.startOf('week'), label: (t) => t.toFormat('d LLL') },
  { step: { months: 1 }, approxMs: 30 * DAY, align: (t) => t.startOf('month'), label: (t) => t.toFormat('LLL yyyy') },
  { step: { months: 3 }, approxMs: 91 * DAY, align: (t) => t.startOf('quarter'), label: (t) => t.toFormat('LLL yyyy') },
  { step: { months: 6 }, approxMs: 182 * DAY, align: (t) => t.startOf('year'), label: (t) => t.toFormat('LLL yyyy') },
  { step: { years: 1 }, approxMs: 365 * DAY, align: (t) => t.startOf('year'), label: (t) => t.toFormat('yyyy') },
];

/**
 * Ticks for a time axis from `start` to `end`, on round local times of `timeZone` (midnights,
 * Mondays, first of the month), so the labels read like the system's own clock, DST included.
 */
export function timeTicks(start: number, end: number, timeZone: string, maxTicks = 8): TimeTick[] {
  if (!(end > start)) return [];
  const span = end - start;
  const chosen = STEPS.find((candidate) => span / candidate.approxMs <= maxTicks);
  const step = chosen ?? { ...STEPS.at(-1)!, step: { years: Math.ceil(span / (365 * DAY) / maxTicks) } };
  const ticks: TimeTick[] = [];
  let time = step.align(DateTime.fromMillis(start, { zone: timeZone }));
  for (let guard = 0; guard < 1000 && time.toMillis() <= end; guard++) {
    if (time.toMillis() >= start) ticks.push({ at: time.toMillis(), label: step.label(time) });
    time = time.plus(step.step);
  }
  return ticks;
}
