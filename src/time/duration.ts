/*
 * Durations as people type them: `30m`, `1d12h`, `1h 30m`, `2 hours`,
 * `an hour`, `1 day, 2 hours and 3 minutes`. Shared by `at` ("30m ago") and
 * the latch timeout ("30m").
 */

const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const UNIT_ALIASES: Record<string, keyof typeof UNIT_MS> = {
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
  d: 'd', day: 'd', days: 'd',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
};

/** Milliseconds in `text` (lower case, trimmed), or null if it is not only a duration. */
export function parseDurationMs(text: string): number | null {
  const part = /\s*(\d+(?:\.\d+)?|an?)\s*([a-z]+)\s*(?:,|and)?/y;
  let total = 0;
  let end = 0;
  let match: RegExpExecArray | null;
  while ((match = part.exec(text)) !== null) {
    const unit = UNIT_ALIASES[match[2]!];
    if (!unit) return null;
    const amount = match[1] === 'a' || match[1] === 'an' ? 1 : Number(match[1]);
    total += amount * UNIT_MS[unit]!;
    end = part.lastIndex;
  }
  return end > 0 && end === text.length ? total : null;
}
