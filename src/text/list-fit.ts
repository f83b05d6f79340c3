import { truncate } from './truncate.js';

/**
 * Joins whole items until `max` characters would be exceeded, then appends `overflow(hidden)`,
 * so a long list ends with an honest count instead of a name cut in half.
 */
export function joinWithin(items: readonly string[], separator: string, max: number, overflow: (hidden: number) => string): string {
  const whole = items.join(separator);
  if (whole.length <= max) return whole;
  // Reserve room for the largest overflow note this list could need.
  const reserve = separator.length + overflow(items.length).length;
  if (max - reserve < 1) return truncate(overflow(items.length), max);
  let joined = '';
  let shown = 0;
  for (const item of items) {
    const next = shown === 0 ? item : `${joined}${separator}${item}`;
    const isLast = shown === items.length - 1;
    if (next.length + (isLast ? 0 : reserve) > max) break;
    joined = next;
    shown++;
  }
  if (shown === items.length) return joined;
  if (shown === 0) {
    // Even the first item is too long: show a cut version of it rather than nothing.
    const first = truncate(items[0] ?? '', Math.max(1, max - reserve));
    const rest = items.length - 1;
    return rest > 0 ? `${first}${separator}${overflow(rest)}` : first;
  }
  return `${joined}${separator}${overflow(items.length - shown)}`;
}
