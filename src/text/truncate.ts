/** The marker appended when text is cut to fit a limit. */
export const TRUNCATION_MARKER = '…';

/** Cuts text to `max` UTF-16 units (Discord counts those), ending with a marker when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= TRUNCATION_MARKER.length) return text.slice(0, max);
  let cut = text.slice(0, max - TRUNCATION_MARKER.length);
  // Never leave half of a surrogate pair behind.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + TRUNCATION_MARKER;
}

/** Cuts from the left, so the end of the text (e.g. the newest entry of a list) stays readable. */
export function truncateStart(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = text.slice(text.length - (max - TRUNCATION_MARKER.length));
  // Never begin with the second half of a surrogate pair.
  const first = kept.charCodeAt(0);
  if (first >= 0xdc00 && first <= 0xdfff) kept = kept.slice(1);
  return TRUNCATION_MARKER + kept;
}
