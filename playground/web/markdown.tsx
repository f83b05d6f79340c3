import type { ComponentChildren } from 'preact';
import { discordTimestamp, fullDate } from './time.js';

/** Names for `<@id>` mentions. */
export type NameOf = (userId: string) => string | undefined;

/** Content of a span: any character, a backslash escape counting as one. */
const INNER = String.raw`((?:\\[\s\S]|[^\\])+?)`;

/**
 * Discord's inline markdown, earliest match first. Each alternative has one named group that
 * says what it is; contents are parsed again for nesting. Text is always a text node, never HTML.
 */
const INLINE = new RegExp(
  [
    String.raw`(?<escape>\\[^\w\s])`,
    String.raw`(?<code>(?<fence>\x60+)(?<codeText>[\s\S]*?[^\x60])\k<fence>(?!\x60))`,
    String.raw`(?<bold>\*\*${INNER.replace('(', '(?<boldText>')}\*\*)`,
    String.raw`(?<underline>__${INNER.replace('(', '(?<underlineText>')}__)`,
    String.raw`(?<italic>\*${INNER.replace('(', '(?<italicText>')}\*|\b_${INNER.replace('(', '(?<italicUnderscore>')}_\b)`,
    String.raw`(?<strike>~~${INNER.replace('(', '(?<strikeText>')}~~)`,
    String.raw`(?<spoiler>\|\|${INNER.replace('(', '(?<spoilerText>')}\|\|)`,
    String.raw`(?<link>\[(?<linkText>[^\]]+)\]\((?<linkUrl>https?:\/\/[^)\s]+)\))`,
    String.raw`(?<url>https?:\/\/[^\s<>]+[^\s<>.,:;"')\]])`,
    String.raw`(?<time><t:(?<timeValue>-?\d{1,13})(?::(?<timeStyle>[tTdDfFR]))?>)`,
    String.raw`(?<user><@!?(?<userId>\d{1,20})>)`,
    String.raw`(?<role><@&(?<roleId>\d{1,20})>)`,
    String.raw`(?<channel><#(?<channelId>\d{1,20})>)`,
    String.raw`(?<emoji><a?:(?<emojiName>\w{2,32}):\d{1,20}>)`,
    String.raw`(?<command></(?<commandName>[\w -]{1,100}):\d{1,20}>)`,
  ].join('|'),
  'g',
);

export function inline(text: string, nameOf: NameOf): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) out.push(text.slice(last, index));
    last = index + match[0].length;
    out.push(inlineNode(match.groups ?? {}, nameOf, match[0]));
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function inlineNode(g: Record<string, string | undefined>, nameOf: NameOf, whole: string): ComponentChildren {
  if (g.escape) return g.escape.slice(1);
  if (g.code !== undefined) return <code class="md-code">{g.codeText!.replace(/^ (.*) $/s, '$1')}</code>;
  if (g.bold) return <strong>{inline(g.boldText!, nameOf)}</strong>;
  if (g.underline) return <u>{inline(g.underlineText!, nameOf)}</u>;
  if (g.italic) return <em>{inline(g.italicText ?? g.italicUnderscore!, nameOf)}</em>;
  if (g.strike) return <s>{inline(g.strikeText!, nameOf)}</s>;
  if (g.spoiler) return <Spoiler>{inline(g.spoilerText!, nameOf)}</Spoiler>;
  if (g.link) return <a href={g.linkUrl} target="_blank" rel="noreferrer noopener" title={g.linkUrl}>{inline(g.linkText!, nameOf)}</a>;
  if (g.url) return <a href={g.url} target="_blank" rel="noreferrer noopener">{g.url}</a>;
  if (g.time) {
    const seconds = Number(g.timeValue);
    return <span class="md-time" title={fullDate(new Date(seconds * 1000))}>{discordTimestamp(seconds, g.timeStyle ?? 'f')}</span>;
  }
  if (g.user) return <span class="md-mention">@{nameOf(g.userId!) ?? 'unknown-user'}</span>;
  if (g.role) return <span class="md-mention">@role</span>;
  if (g.channel) return <span class="md-mention">#channel</span>;
  if (g.emoji) return <span class="md-emoji">:{g.emojiName}:</span>;
  if (g.command) return <span class="md-mention">/{g.commandName}</span>;
  return whole;
}

function Spoiler({ children }: { children: ComponentChildren }) {
  return (
    <span class="md-spoiler" onClick={(event) => (event.currentTarget as HTMLElement).classList.add('revealed')}>
      {children}
    </span>
  );
}

const CODE_BLOCK = /```(?:([\w+-]{1,20})\n)?([\s\S]*?)```/g;

/** Whole messages and embed descriptions: code blocks, headings, subtext, quotes and lists, then inline. */
export function Markdown({ text, nameOf }: { text: string; nameOf: NameOf }) {
  const blocks: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE_BLOCK)) {
    const index = match.index ?? 0;
    if (index > last) blocks.push(...lines(text.slice(last, index), nameOf));
    blocks.push(<pre class="md-pre"><code>{match[2]!.replace(/^\n/, '')}</code></pre>);
    last = index + match[0].length;
  }
  if (last < text.length) blocks.push(...lines(text.slice(last), nameOf));
  return <div class="md">{blocks}</div>;
}

function lines(text: string, nameOf: NameOf): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const all = text.replace(/^\n|\n$/g, '').split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    const rest = /^>>> ([\s\S]*)/.exec(line);
    if (rest) {
      out.push(<blockquote>{lines([rest[1], ...all.slice(i + 1)].join('\n'), nameOf)}</blockquote>);
      break;
    }
    const heading = /^(#{1,3}) (.+)/.exec(line);
    const subtext = /^-# (.+)/.exec(line);
    const quote = /^> ?(.*)/.exec(line);
    const bullet = /^(\s*)[-*] (.+)/.exec(line);
    const numbered = /^(\d{1,3})\. (.+)/.exec(line);
    if (heading) out.push(<div class={`md-h${heading[1]!.length}`}>{inline(heading[2]!, nameOf)}</div>);
    else if (subtext) out.push(<div class="md-subtext">{inline(subtext[1]!, nameOf)}</div>);
    else if (quote) out.push(<blockquote>{inline(quote[1]!, nameOf)}</blockquote>);
    else if (bullet) out.push(<div class="md-li" style={{ marginLeft: `${1 + bullet[1]!.length / 2}em` }}>• {inline(bullet[2]!, nameOf)}</div>);
    else if (numbered) out.push(<div class="md-li">{numbered[1]}. {inline(numbered[2]!, nameOf)}</div>);
    else out.push(<div class="md-line">{line === '' ? '\u00a0' : inline(line, nameOf)}</div>);
  }
  return out;
}
