import type { SwitchSummary } from '../../src/pluralkit/models.js';

/** mulberry32: a tiny seeded generator, so a failing property names the seed that reproduces it. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryShape {
  switches: number;
  members: number;
  /** Last switch at most this long before `end`. */
  spanMs: number;
  end: number;
}

/**
 * A random front history, newest first like PluralKit's list: distinct timestamps (some with
 * microseconds, as PluralKit prints them), switch-outs, co-fronting and, now and then, a member
 * listed twice (old data can have it).
 */
export function randomHistory(random: () => number, shape: HistoryShape): SwitchSummary[] {
  const ids = Array.from({ length: shape.members }, (_, index) => `m${index.toString(36).padStart(4, '0')}`);
  const instants = new Set<number>();
  while (instants.size < shape.switches) instants.add(shape.end - Math.floor(random() * shape.spanMs));
  const sorted = [...instants].sort((a, b) => b - a);
  return sorted.map((at, index) => {
    const roll = random();
    const count = roll < 0.1 ? 0 : roll < 0.7 ? 1 : 1 + Math.floor(random() * Math.min(4, shape.members));
    const members = Array.from({ length: count }, () => ids[Math.floor(random() * ids.length)]!);
    if (count > 0 && random() < 0.05) members.push(members[0]!);
    // PluralKit prints microseconds when there are any; the extra digits never change the millisecond.
    const micro = random() < 0.5 ? String(Math.floor(random() * 1000)).padStart(3, '0') : '';
    const iso = new Date(at).toISOString().replace(/Z$/, `${micro}Z`);
    return { id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, timestamp: iso, members };
  });
}
