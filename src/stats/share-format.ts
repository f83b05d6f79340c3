/**
 * A share as a percentage people can compare: whole numbers like PluralKit from 10 % up, one
 * decimal below (so 300 members are not all "0%"), and "<0.1%" rather than a misleading 0.
 */
export function formatShare(share: number): string {
  if (!(share > 0)) return '0%';
  const percent = share * 100;
  if (percent < 0.1) return '<0.1%';
  if (percent < 9.95) return `${percent.toFixed(1).replace(/\.0$/, '')}%`;
  return `${Math.round(percent)}%`;
}
