import type { NamedEntity } from '../../src/resolve/search-index.js';

/** A member with a UUID derived from its ID, so tests can refer to either. */
export function member(id: string, name: string, displayName: string | null = null): NamedEntity {
  const hex = [...id].map((c) => c.charCodeAt(0).toString(16)).join('').padStart(12, '0').slice(-12);
  return { id, uuid: `00000000-0000-4000-8000-${hex}`, name, display_name: displayName };
}

export const MEMBERS: readonly NamedEntity[] = [
  member('abcdef', 'Alice'),
  member('bcdefg', 'Bob', 'Bobby'),
  member('cdefgh', 'Carol', 'C.'),
  member('defghi', 'alex'),
  member('efghij', 'Twin'),
  member('fghijk', 'twin'),
  member('ghijk', 'Zoë', '**Zo**'),
];

/** A 6-letter short ID unique to `n`: `m` then `n` in base 26 written with letters. */
export function letterId(n: number): string {
  let rest = n;
  let letters = '';
  for (let i = 0; i < 5; i++) {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26);
  }
  return `m${letters}`;
}

/** `count` members named `Member 0`, `Member 1`, …, two in three with a display name. */
export function manyMembers(count: number, options: { nameLength?: number } = {}): NamedEntity[] {
  return Array.from({ length: count }, (_, i) => {
    const base = `Member ${i}`;
    const name = options.nameLength ? `${base} ${'x'.repeat(Math.max(0, options.nameLength - base.length - 1))}` : base;
    return member(letterId(i), name, i % 3 === 0 ? null : `Display ${i}`);
  });
}

/** Textbook Levenshtein over the full table, the yardstick. */
export function fullDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
