/*
 * Text widths without a font engine: layout code (pure, also used for SVG) needs to know whether
 * a name fits its column. The estimate errs wide, so text it lets through fits once drawn; the
 * PNG painter measures the real glyphs and shortens further in the rare case it must.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Emoji and flag letters: wide when drawn, and what needs the emoji font. */
export const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
const NARROW = /^[iljI.,:;'|!()[\]{} ]$/;
const CAPITAL_OR_WIDE_LATIN = /^[A-Z0-9mwMW@%&#]$/;

/** Approximate advance of one grapheme, in ems. */
function advance(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 1.25;
  if (WIDE.test(grapheme)) return 1.05;
  if (NARROW.test(grapheme)) return 0.32;
  if (CAPITAL_OR_WIDE_LATIN.test(grapheme)) return 0.72;
  return 0.6;
}

export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** Estimated width in pixels of `text` at `size` px, erring wide. */
export function estimateTextWidth(text: string, size: number, weight: 400 | 700 = 400): number {
  let ems = 0;
  for (const grapheme of splitGraphemes(text)) ems += advance(grapheme);
  return ems * size * (weight === 700 ? 1.06 : 1);
}

/** `text` cut at whole graphemes (never inside an emoji sequence) with `…`, to fit `maxWidth` by estimate. */
export function fitText(text: string, maxWidth: number, size: number, weight: 400 | 700 = 400): string {
  if (estimateTextWidth(text, size, weight) <= maxWidth) return text;
  const parts = splitGraphemes(text);
  const budget = maxWidth - estimateTextWidth('…', size, weight);
  let width = 0;
  let kept = 0;
  for (const part of parts) {
    const next = width + estimateTextWidth(part, size, weight);
    if (next > budget) break;
    width = next;
    kept++;
  }
  return `${parts.slice(0, kept).join('').trimEnd()}…`;
}
