/*
 * Colours for charts. Members keep their PluralKit colour; members without one get a colour from
 * a fixed palette picked by their ID, so a member looks the same in every chart. Every fallback
 * colour stands out from the background (WCAG non-text contrast ≥ 3:1). Text is never drawn on a
 * member colour: labels and values sit beside the bars, in the theme's text colours.
 */

export const THEME = {
  background: '#1e1f22',
  text: '#f2f3f5',
  mutedText: '#b5bac1',
  grid: '#3a3c42',
  lane: '#2b2d31',
  noFronter: '#6d6f78',
  others: '#949ba4',
  /** Outline for member colours too close to the background. */
  outline: '#b5bac1',
} as const;

/** Light and mid tones that all keep ≥ 3:1 against THEME.background (checked by the tests). */
export const FALLBACK_PALETTE = [
  '#f47b67',
  '#f8a532',
  '#fee75c',
  '#57f287',
  '#45ddc0',
  '#5ac8fa',
  '#8ea1ff',
  '#b98ff5',
  '#eb459e',
  '#ff8ab4',
  '#a3e635',
  '#e0b48a',
] as const;

/** `#rrggbb` for PluralKit's 6-hex colour (with or without `#`), or null. */
export function normaliseHex(color: string | null | undefined): string | null {
  const match = color ? /^#?([0-9a-f]{6})$/i.exec(color.trim()) : null;
  return match ? `#${match[1]!.toLowerCase()}` : null;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const value = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((value >> 16) & 255) + 0.7152 * channel((value >> 8) & 255) + 0.0722 * channel(value & 255);
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** FNV-1a: a stable, well-spread hash of a member ID. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

export interface MemberPaint {
  fill: string;
  /** Set when the fill alone would not stand out from the background. */
  stroke?: string;
}

/** A member's bar colour: their own when they have one, else a palette colour fixed by their ID. */
export function memberPaint(memberId: string, color: string | null | undefined): MemberPaint {
  const own = normaliseHex(color);
  if (!own) return { fill: FALLBACK_PALETTE[hash(memberId) % FALLBACK_PALETTE.length]! };
  return contrastRatio(own, THEME.background) < 3 ? { fill: own, stroke: THEME.outline } : { fill: own };
}
