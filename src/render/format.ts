import { escapeMarkdown } from 'discord.js';

/** A user-provided name, safe to put inside bold or any markdown. */
export function safeName(name: string): string {
  return escapeMarkdown(name);
}

/** 6-hex colour → embed colour integer; anything else → no colour. */
export function embedColor(hex: string | null | undefined): number | undefined {
  return hex && /^[0-9a-fA-F]{6}$/.test(hex) ? parseInt(hex, 16) : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `MMM dd, yyyy`, or `MMM dd` when the year is PluralKit's hidden-year 0004 (or legacy 0001). */
export function formatBirthday(birthday: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
  if (!match) return birthday;
  const [, year, month, day] = match;
  const base = `${MONTHS[Number(month) - 1] ?? month} ${day}`;
  return year === '0004' || year === '0001' ? base : `${base}, ${year}`;
}
