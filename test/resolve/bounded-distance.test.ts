import { describe, expect, it } from 'vitest';
import { boundedDistance, MAX_COMPARED_LENGTH } from '../../src/resolve/bounded-distance.js';
import { fullDistance } from './fixtures.js';


function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const work = () => ({ distances: 0, cells: 0 });

describe('boundedDistance', () => {
  it('equals the full distance when within the cutoff, and cutoff + 1 beyond it, on 5,000 random pairs', () => {
    const random = seeded(7);
    const text = (alphabet: string) => Array.from({ length: Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let n = 0; n < 5000; n++) {
      const alphabet = n % 2 === 0 ? 'ab' : 'abcdefgh';
      const a = text(alphabet);
      const b = text(alphabet);
      const cutoff = Math.floor(random() * 12) - 1;
      const full = fullDistance(a, b);
      expect(boundedDistance(a, b, cutoff, work())).toBe(full <= cutoff ? full : cutoff + 1);
    }
  });

  it('fills only the band, and stops at the first row past the cutoff', () => {
    const a = 'a'.repeat(MAX_COMPARED_LENGTH);
    const b = 'b'.repeat(MAX_COMPARED_LENGTH);
    const banded = work();
    expect(boundedDistance(a, a, 3, banded)).toBe(0);
    expect(banded.cells).toBeLessThanOrEqual(MAX_COMPARED_LENGTH * 7);
    const hopeless = work();
    expect(boundedDistance(a, b, 3, hopeless)).toBe(4);
    expect(hopeless.cells).toBeLessThanOrEqual(4 * 7);
  });

  it('answers from the lengths alone when they differ by more than the cutoff', () => {
    const spent = work();
    expect(boundedDistance('abc', 'abcdefgh', 2, spent)).toBe(3);
    expect(spent).toEqual({ distances: 0, cells: 0 });
    expect(boundedDistance('', 'ab', 2, spent)).toBe(2);
  });

  it('refuses texts longer than it compares', () => {
    expect(() => boundedDistance('a'.repeat(MAX_COMPARED_LENGTH + 1), 'a', 3, work())).toThrow(RangeError);
  });
});
