import { parseDurationMs } from './duration.js';

/*
 * The `latch_timeout` system setting (PluralKit API §3.6): seconds after the
 * last proxied message until latch autoproxy lets go; null is PluralKit's
 * default (6 h), 0 is never.
 */

export const DEFAULT_LATCH_TIMEOUT_SECONDS = 6 * 3600;
/**
 * PluralKit's own bot treats anything over 100,000 hours as "never" (its
 * guard against overflowing the int32 of seconds the setting is stored in).
 * We refuse instead of silently turning the timeout off.
 */
export const MAX_LATCH_TIMEOUT_SECONDS = 100_000 * 3600;

/** Every form `parseLatchTimeout` reads, for error messages and help text. */
export const LATCH_TIMEOUT_FORMS = [
  '• a duration: `30m`, `6h`, `1h30m`, `1h 30m`, `2 hours`, `45s`, `1d`',
  '• a bare number, read as minutes: `90` is 1 h 30 min',
  '• `never` (or `off`, `0`): latch autoproxy never times out',
  "• `default` (or `reset`): back to PluralKit's default, 6 h",
].join('\n');

const NEVER = new Set(['never', 'off', 'none', 'disable', 'disabled', 'no']);
const DEFAULT = new Set(['default', 'reset', 'clear', 'unset']);
const MAX_INPUT_LENGTH = 60;

export type LatchTimeoutParse = { ok: true; seconds: number | null } | { ok: false; message: string };

/**
 * Reads a latch timeout as the user typed it: the seconds to send to
 * PluralKit, 0 for never, or null for the default.
 *
 * A bare number is minutes: a latch is a conversation-length thing, so
 * `90` meaning ninety seconds would surprise more people than it helps, and
 * the confirmation (`formatLatchTimeout`) shows what was understood. Any
 * zero duration (`0`, `0m`) is "never", as it is for PluralKit.
 */
export function parseLatchTimeout(input: string): LatchTimeoutParse {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const fail = (why: string): LatchTimeoutParse => ({ ok: false, message: `${why} You can use:\n${LATCH_TIMEOUT_FORMS}` });
  const quoted = `\`${input.trim().replace(/`/g, "'").slice(0, 40)}\``;

  if (text === '') return fail('Give a latch timeout.');
  if (text.length > MAX_INPUT_LENGTH) return fail(`That is too long to be a latch timeout (over ${MAX_INPUT_LENGTH} characters).`);
  if (NEVER.has(text)) return { ok: true, seconds: 0 };
  if (DEFAULT.has(text)) return { ok: true, seconds: null };
  if (/^[-−]/.test(text)) return fail(`${quoted} is negative; a latch timeout is a length of time.`);

  let milliseconds: number | null;
  if (/^\d+(?:\.\d+)?$/.test(text)) milliseconds = Number(text) * 60_000;
  else milliseconds = parseDurationMs(text);
  if (milliseconds === null || !Number.isFinite(milliseconds)) return fail(`I couldn't read ${quoted} as a latch timeout.`);

  const seconds = Math.round(milliseconds / 1000);
  if (milliseconds > 0 && seconds === 0) return fail(`${quoted} is less than a second.`);
  if (seconds > MAX_LATCH_TIMEOUT_SECONDS) return fail(`${quoted} is longer than PluralKit allows (100,000 hours); use \`never\` to turn the timeout off.`);
  return { ok: true, seconds };
}

/** `6 h`, `1 h 30 min`, `1 d 2 h 5 s`: every non-zero unit, since a setting should read back exactly. */
function formatSeconds(total: number): string {
  const units: Array<[string, number]> = [
    ['d', Math.floor(total / 86_400)],
    ['h', Math.floor(total / 3600) % 24],
    ['min', Math.floor(total / 60) % 60],
    ['s', total % 60],
  ];
  return units
    .filter(([, value]) => value > 0)
    .map(([unit, value]) => `${value} ${unit}`)
    .join(' ');
}

/** How a stored latch timeout reads: `never`, `default (6 h)`, or the length, e.g. `6 h`, `1 h 30 min`. */
export function formatLatchTimeout(seconds: number | null): string {
  if (seconds === null) return `default (${formatSeconds(DEFAULT_LATCH_TIMEOUT_SECONDS)})`;
  if (!Number.isFinite(seconds) || seconds < 0) return `unknown (${String(seconds)})`;
  const whole = Math.floor(seconds);
  return whole === 0 ? 'never' : formatSeconds(whole);
}
