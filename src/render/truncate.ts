import { TRUNCATION_MARKER } from '../core/discord-limits.js';

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
