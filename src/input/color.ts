import type { Read } from './read.js';

const HEX6 = /^#?([0-9a-f]{6})$/i;
const HEX3 = /^#?([0-9a-f]{3})$/i;

/** A colour as people type it (`ff7000`, `#FF7000`, `#f70`) → PluralKit's 6 lowercase hex digits. */
export function readColor(input: string): Read<string> {
  const text = input.trim();
  const six = HEX6.exec(text);
  if (six) return { ok: true, value: six[1]!.toLowerCase() };
  const three = HEX3.exec(text);
  if (three) return { ok: true, value: [...three[1]!.toLowerCase()].map((digit) => digit + digit).join('') };
  return { ok: false, message: 'must be a hex colour like `ff7000` or `#ff7000`' };
}
