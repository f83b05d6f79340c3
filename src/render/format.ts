import type { APIEmbed } from 'discord.js';

/** Markdown Discord reads anywhere in a line (bold, code, spoilers, links, headings, subtext). */
const MARKDOWN_CHARACTERS = /[\\*_~`|[\]#-]/g;
/** A quote only starts a line; elsewhere `>` is plain, and custom emoji end with one. */
const QUOTE_OPENING = /^>/gm;
/** Mentions, channels, commands and timestamps open with `<`. */
const MENTION_OPENING = /</g;
/** Custom emoji, which names may use and which must reach Discord untouched. */
const CUSTOM_EMOJI = /(<a?:\w{2,32}:\d{1,20}>)/;

function escapeText(text: string): string {
  return text.replace(MARKDOWN_CHARACTERS, '\\$&').replace(QUOTE_OPENING, '\\>').replace(MENTION_OPENING, '\\<');
}

/**
 * A user-provided name as literal text inside bold or any other markdown, and never a mention.
 * Every markdown character is escaped (Discord hides a backslash before punctuation) except inside
 * custom emoji: discord.js's escapeMarkdown matches patterns and lets some runs through (`******`).
 */
export function safeName(name: string): string {
  return name
    .split(CUSTOM_EMOJI)
    .map((part, index) => (index % 2 === 1 ? part : escapeText(part)))
    .join('');
}

/** 6-hex colour → embed colour integer; anything else → no colour. */
export function embedColor(hex: string | null | undefined): number | undefined {
  return hex && /^[0-9a-fA-F]{6}$/.test(hex) ? parseInt(hex, 16) : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `MMM dd, yyyy`, or `MMM dd` when the year is PluralKit's hidden-year 0004 (or legacy 0001). */
export function formatBirthday(birthday: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
  const monthName = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !monthName) return birthday;
  const [, year, , day] = match;
  const base = `${monthName} ${day}`;
  return year === '0004' || year === '0001' ? base : `${base}, ${year}`;
}

/**
 * Text as an inline code span that survives backticks inside it: the fence is one backtick longer
 * than the longest run inside, padded with spaces when the text starts or ends with a backtick.
 */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** PluralKit descriptions: spaces before line breaks are noise (PK strips them too). */
export function tidyDescription(description: string): string {
  return description.replace(/[ \t]+\n/g, '\n').trim();
}

const DASHBOARD = 'https://dash.pluralkit.me/profile';

/** The public PluralKit dashboard page of a system (s), member (m) or group (g). */
export function dashboardUrl(kind: 's' | 'm' | 'g', id: string): string {
  return `${DASHBOARD}/${kind}/${encodeURIComponent(id)}`;
}

/** An API timestamp as a Date, or null when it does not parse (a renderer never throws on data). */
export function parseTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `created` as an embed timestamp, which Discord shows beside the footer in the reader's zone. */
export function createdTimestamp(created: string | null | undefined): Pick<APIEmbed, 'timestamp'> {
  const date = parseTime(created);
  return date ? { timestamp: date.toISOString() } : {};
}

/** `**Name** (`id`)`: how replies name a member or group. */
export function namedWithId(entity: { name: string; id: string }): string {
  return `**${safeName(entity.name)}** (${inlineCode(entity.id)})`;
}

/** What the user typed, shown back in code (backticks made harmless, cut to 60 characters). */
export function quotedInput(input: string): string {
  return `\`${input.trim().replace(/`/g, "'").slice(0, 60)}\``;
}
