import type { FrontInterval } from './types.js';

/** The owner of the stretches when nobody (of those counted) fronted. */
export const NO_FRONTER_SLOT = 0;

/**
 * Every stretch of front time in a period, in the order they were added (time order), with its
 * owner: a slot number per member, `NO_FRONTER_SLOT` for switch-outs. A stretch that touches the
 * owner's previous one extends it. Kept in typed arrays sized once, outside the JS heap: a year
 * of switches would otherwise make tens of thousands of objects per /stats, and under the
 * production flags (a 2 MB young generation) garbage is what costs. Interval objects are made
 * only when a chart asks for them, all owners in one pass.
 */
export class StretchLog {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly owners: Int32Array;
  /** Per owner slot: index of its latest stretch, or -1. */
  private readonly latest: number[] = [];
  private length = 0;
  private bySlot: FrontInterval[][] | null = null;

  constructor(capacity: number) {
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
    this.owners = new Int32Array(capacity);
  }

  /** A new owner's slot. */
  addOwner(): number {
    this.latest.push(-1);
    return this.latest.length - 1;
  }

  add(slot: number, start: number, end: number): void {
    const previous = this.latest[slot]!;
    if (previous >= 0 && this.ends[previous] === start) {
      this.ends[previous] = end;
      return;
    }
    const index = this.length++;
    this.starts[index] = start;
    this.ends[index] = end;
    this.owners[index] = slot;
    this.latest[slot] = index;
  }

  /** The owner's stretches, oldest first. */
  intervalsOf(slot: number): FrontInterval[] {
    if (!this.bySlot) {
      const bySlot: FrontInterval[][] = this.latest.map(() => []);
      for (let index = 0; index < this.length; index++) bySlot[this.owners[index]!]!.push({ start: this.starts[index]!, end: this.ends[index]! });
      this.bySlot = bySlot;
    }
    return this.bySlot[slot]!;
  }
}
