import type { FrontInterval } from './types.js';

/** `into` (twice the size) with `from` copied in. */
function doubled<T extends Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

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
  private latest: Int32Array;
  /** Per owner slot: the time of all its stretches. */
  private totals: Float64Array;
  private ownerSlots = 0;
  private length = 0;
  private bySlot: FrontInterval[][] | null = null;

  constructor(capacity: number) {
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
    this.owners = new Int32Array(capacity);
    this.latest = new Int32Array(16);
    this.totals = new Float64Array(16);
  }

  /** A new owner's slot. */
  addOwner(): number {
    if (this.ownerSlots === this.latest.length) {
      this.latest = doubled(this.latest, new Int32Array(this.latest.length * 2));
      this.totals = doubled(this.totals, new Float64Array(this.totals.length * 2));
    }
    this.latest[this.ownerSlots] = -1;
    return this.ownerSlots++;
  }

  /** Owners so far (slots 0 to this − 1). */
  get ownerCount(): number {
    return this.ownerSlots;
  }

  /** The owner's time over all its stretches. */
  totalOf(slot: number): number {
    return this.totals[slot]!;
  }

  add(slot: number, start: number, end: number): void {
    this.totals[slot]! += end - start;
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
      const bySlot: FrontInterval[][] = Array.from({ length: this.ownerSlots }, () => []);
      for (let index = 0; index < this.length; index++) bySlot[this.owners[index]!]!.push({ start: this.starts[index]!, end: this.ends[index]! });
      this.bySlot = bySlot;
    }
    return this.bySlot[slot]!;
  }
}
