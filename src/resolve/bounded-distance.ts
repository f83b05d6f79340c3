/*
 * Levenshtein distance that gives up early. Only distances up to a cutoff
 * matter to "did you mean", so only the diagonal band of that width is
 * computed (Ukkonen), and the work stops as soon as every cell of a row is
 * past the cutoff. Cost: O(cutoff × length) instead of O(length²).
 */

/** Longest text compared; longer names tell nothing more and would only cost. */
export const MAX_COMPARED_LENGTH = 64;

/** Reused between calls: one row is all the band needs. */
const row = new Int32Array(MAX_COMPARED_LENGTH + 2);

export interface DistanceWork {
  /** Distances started. */
  distances: number;
  /** Dynamic-programming cells filled, the real cost. */
  cells: number;
}

/**
 * The edit distance between `a` and `b` when it is at most `cutoff`,
 * otherwise `cutoff + 1`. Both must be at most MAX_COMPARED_LENGTH long.
 */
export function boundedDistance(a: string, b: string, cutoff: number, work: DistanceWork): number {
  if (a.length > b.length) [a, b] = [b, a];
  const shorter = a.length;
  const longer = b.length;
  if (longer > MAX_COMPARED_LENGTH) throw new RangeError(`compare at most ${MAX_COMPARED_LENGTH} characters`);
  const beyond = cutoff + 1;
  if (cutoff < 0) return beyond;
  if (longer - shorter > cutoff) return beyond;
  if (shorter === 0) return longer;
  work.distances++;

  for (let j = 0; j <= longer; j++) row[j] = j <= cutoff ? j : beyond;
  for (let i = 1; i <= shorter; i++) {
    const from = Math.max(1, i - cutoff);
    const to = Math.min(longer, i + cutoff);
    // row[from - 1] still holds the previous row's value there: the diagonal of the first cell.
    let diagonal = row[from - 1]!;
    // Left of the band is out of reach, except the first column, which is i deletions.
    row[from - 1] = from === 1 && i <= cutoff ? i : beyond;
    let rowMin = row[from - 1]!;
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      // Cells right of the previous row's band were never written since the start: beyond.
      const above = row[j]!;
      const value = Math.min(above + 1, row[j - 1]! + 1, diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1), beyond);
      diagonal = above;
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    work.cells += to - from + 1;
    if (rowMin > cutoff) return beyond;
  }
  return Math.min(row[longer]!, beyond);
}
