import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import type { MessageReferenceProblem } from '../core/refusal-codes.js';
import type { Message } from '../pluralkit/models.js';
import { parseTime, when } from '../time/format.js';
import { embedTextLength, fitEmbed, fitEmbeds } from '../interaction/embed-limits.js';
import { embedColor } from './format.js';
import { inlineCode, safeName } from '../text/markdown.js';
import { renderMemberCard } from './member.js';
import { systemLabel } from './system.js';
import { truncate } from '../text/truncate.js';

export interface MessageInfoOptions {
  /** The message's text as fetched from Discord; null or absent = not available, no excerpt. */
  excerpt?: string | null;
  /** How many attachments the message has, when known; 0 or absent shows nothing. */
  attachmentCount?: number | undefined;
  /** Link to the proxied message. */
  jumpUrl?: string | null;
  /** What to call the system when its name is private or unset (e.g. its tag); default: its ID alone. */
  systemNameFallback?: string | null;
}

const EXCERPT_MAX = 300;

/** The excerpt as a quote block; each line is quoted so the content cannot end the quote early. */
function quoteExcerpt(excerpt: string): string {
  return truncate(excerpt, EXCERPT_MAX)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function infoFields(message: Message, options: MessageInfoOptions): APIEmbedField[] {
  const sent = parseTime(message.timestamp);
  const fields: APIEmbedField[] = [
    {
      name: 'System',
      value: message.system ? systemLabel(message.system, options.systemNameFallback) : '*deleted or unknown system*',
      inline: true,
    },
    {
      name: 'Member',
      value: message.member ? `${safeName(message.member.name)} (${inlineCode(message.member.id)})` : '*deleted member*',
      inline: true,
    },
    // A mention in an embed never pings; it shows who sent it even to readers who do not share a server.
    { name: 'Sent by', value: `<@${message.sender}> (${inlineCode(message.sender)})`, inline: true },
  ];
  if (sent) fields.push({ name: 'Sent', value: when(sent), inline: true });
  if (options.attachmentCount !== undefined && options.attachmentCount > 0) {
    fields.push({ name: 'Attachments', value: String(options.attachmentCount), inline: true });
  }
  if (options.jumpUrl) fields.push({ name: 'Link', value: `[Jump to message](${options.jumpUrl})`, inline: true });
  return fields;
}

function messagePart(message: Message, options: MessageInfoOptions): APIEmbed {
  const excerpt = options.excerpt?.trim();
  const footer = message.original
    ? `Message ID: ${message.id} · Original message ID: ${message.original}`
    : `Message ID: ${message.id}`;
  return {
    title: 'Proxied message',
    color: embedColor(message.member?.color),
    ...(excerpt ? { description: quoteExcerpt(excerpt) } : {}),
    fields: infoFields(message, options),
    footer: { text: footer },
  };
}

/**
 * Message info: the member card (the one member renderer) and the message's facts, within one
 * message's embed budget. `message` must be the public view: message info never shows more.
 */
export function renderMessageInfo(message: Message, options: MessageInfoOptions = {}): APIEmbed[] {
  // The facts about the message come first in the budget: they are what was asked for.
  const info = fitEmbed(messagePart(message, options));
  if (!message.member) return fitEmbeds([info]);
  const systemName = message.system ? (message.system.name ?? options.systemNameFallback ?? null) : null;
  const card = renderMemberCard(
    // Members inside a message carry no system key; the message's system supplies it.
    { ...message.member, system: message.system?.id ?? message.member.system },
    { systemName },
  );
  const fittedCard = fitEmbed(card, DiscordLimits.embedTotal - embedTextLength(info));
  return fitEmbeds([fittedCard, info]);
}

/** PluralKit keeps the trigger-message → proxied-message mapping this long. */
const TRIGGER_MAPPING_TTL_MS = 30 * 60 * 1000;

/** Why a message is not found, with the 30-minute rule for trigger messages worded by the message's age. */
export function messageNotFoundText(sent: Date, now: Date): string {
  const base = "PluralKit has no proxied message with that ID, so it wasn't sent through PluralKit (or PluralKit's record of it is gone).";
  if (now.getTime() - sent.getTime() > TRIGGER_MAPPING_TTL_MS) {
    return `${base}\nIf this is the original message someone typed (the one PluralKit replaced), PluralKit only remembers that link for 30 minutes and this one is older: use the proxied message instead.`;
  }
  return `${base}\nLooking up the original (trigger) message works for 30 minutes after it was sent; the proxied message's ID always works.`;
}

export function jumpUrl(guildId: string | null | undefined, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}

const HOW_TO_COPY = 'Right-click the message (or long-press it) and choose **Copy Message Link**, or use the **Message info** app on the message itself.';

const UNREADABLE_REFERENCE: Record<MessageReferenceProblem, (input: string) => string> = {
  empty: () => `Give a message link or ID. ${HOW_TO_COPY}`,
  'invalid-id': (input) => `\`${input.trim().replace(/`/g, "'").slice(0, 30)}\` is not a valid message ID (message IDs are 17–20 digit numbers). ${HOW_TO_COPY}`,
  invite: () => `That is a Discord invite, not a message link. ${HOW_TO_COPY}`,
  'not-discord': () => `That link does not point to Discord, so it is not a message link. ${HOW_TO_COPY}`,
  'not-a-link': () => `That is not a message link or ID. ${HOW_TO_COPY}`,
  'not-a-message-link': () => `That Discord link is not a message link. ${HOW_TO_COPY}`,
  'channel-link': () => `That is a link to a channel, not to a message. ${HOW_TO_COPY}`,
  'bad-server-id': () => 'That link does not contain a valid server ID.',
  'bad-channel-id': () => 'That link does not contain a valid channel ID.',
  'bad-message-id': () => 'That link does not contain a valid message ID.',
};

/** Why a message link or ID could not be read, and how to copy one. */
export function renderUnreadableMessageReference({ problem, input }: { problem: MessageReferenceProblem; input: string }): string {
  return UNREADABLE_REFERENCE[problem](input);
}
