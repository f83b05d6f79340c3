/** A set of Unicode code points kept as sorted, merged ranges: a font's whole cmap costs a few kilobytes. */
export class CodePointSet {
  private constructor(private readonly ranges: Uint32Array) {}

  /** From inclusive [first, last] ranges in any order, overlapping or not. */
  static of(ranges: ReadonlyArray<readonly [number, number]>): CodePointSet {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    const merged: number[] = [];
    for (const [first, last] of sorted) {
      const end = merged.length - 1;
      if (merged.length > 0 && first <= merged[end]! + 1) merged[end] = Math.max(merged[end]!, last);
      else merged.push(first, last);
    }
    return new CodePointSet(Uint32Array.from(merged));
  }

  /** A CSS `unicode-range` value, e.g. `U+0000-00FF,U+0131,U+1F1E6-1F1FF`. */
  static fromUnicodeRange(value: string): CodePointSet {
    return CodePointSet.of(
      value.split(',').map((part) => {
        const match = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
        if (!match) throw new Error(`Not a unicode-range part: "${part}"`);
        const first = parseInt(match[1]!, 16);
        return [first, match[2] ? parseInt(match[2], 16) : first] as const;
      }),
    );
  }

  has(codePoint: number): boolean {
    let low = 0;
    let high = this.ranges.length / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (codePoint < this.ranges[2 * middle]!) high = middle - 1;
      else if (codePoint > this.ranges[2 * middle + 1]!) low = middle + 1;
      else return true;
    }
    return false;
  }

  hasAll(codePoints: readonly number[]): boolean {
    return codePoints.every((codePoint) => this.has(codePoint));
  }
}
