import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** New PluralKit short IDs are 6 letters from this alphabet (no d, i, l, m, q). */
const HID_ALPHABET = 'abcefghjknoprstuvwxyz';

export function generateHid(isTaken: (hid: string) => boolean): string {
  for (;;) {
    let hid = '';
    for (let i = 0; i < 6; i++) hid += HID_ALPHABET[randomInt(HID_ALPHABET.length)];
    if (!isTaken(hid)) return hid;
  }
}

export function generateUuid(): string {
  return randomUUID();
}

/** Same shape as PluralKit tokens: 48 random bytes, base64 → 64 chars. */
export function generateToken(): string {
  return randomBytes(48).toString('base64');
}

const UUID_LENIENT = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** Accepts the spellings Postgres/.NET accept and returns the canonical lowercase hyphenated form. */
export function normalizeUuid(text: string): string | null {
  const match = UUID_LENIENT.exec(text);
  if (!match) return null;
  return match.slice(1, 6).join('-').toLowerCase();
}

export const VALID_HID = /^[a-z]{5,6}$/;
export const SNOWFLAKE = /^\d{1,20}$/;
