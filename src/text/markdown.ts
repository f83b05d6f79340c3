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

/** What the user typed, shown back in code (backticks made harmless, cut to 60 characters). */
export function quotedInput(input: string): string {
  return `\`${input.trim().replace(/`/g, "'").slice(0, 60)}\``;
}
