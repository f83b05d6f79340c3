import type { FakeDiscord } from './fake-discord/index.js';

export const EPHEMERAL = 64;

type LooseMessage = {
  content?: string;
  embeds?: Array<{ title?: string; description?: string; author?: { name: string }; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }>;
};

/** Everything a reader sees in a message (content and embed text), one part per line. */
export function messageText(message: LooseMessage | undefined): string {
  if (!message) return '';
  const parts = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.author?.name ?? '', embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

/** The custom_id of the button with this label in a message. */
export function buttonId(message: { components?: Array<{ components: Array<{ label?: string; custom_id?: string }> }> }, label: string): string {
  for (const row of message.components ?? []) {
    for (const component of row.components) if (component.label === label && component.custom_id) return component.custom_id;
  }
  throw new Error(`no "${label}" button in ${JSON.stringify(message.components)}`);
}

/** A snowflake for a moment in time, as Discord makes them. */
export function snowflakeAt(date: Date, increment = 0): string {
  return ((BigInt(date.getTime() - 1420070400000) << 22n) + BigInt(increment)).toString();
}

/** Stores a user's PluralKit token through the real DM modal flow. */
export async function connectToken(discord: FakeDiscord, user: { id: string; username?: string }, token: string): Promise<void> {
  const reply = await discord.modalSubmit({ customId: 'token:submit', fields: { token }, user, guildId: null }).finalMessage();
  if (!messageText(reply).includes('Connected')) throw new Error(`token setup failed: ${messageText(reply)}`);
}

type Handle = {
  initialResponse(timeoutMs?: number): Promise<{ type: number; data?: Record<string, unknown> }>;
  original(): Record<string, unknown>;
  edits(): Array<Record<string, unknown>>;
  followUps(): Array<Record<string, unknown>>;
};

const PROGRESS = /^⏳/;

/**
 * The answer of long work that shows progress first: the first follow-up (errors after a public
 * deferral arrive that way), or the deferred message once an edit that is not a progress note
 * landed, or a direct reply (or update, for a button).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a message as loose JSON, like the fake's own handles
export async function settledAnswer(handle: Handle, timeoutMs = 15_000): Promise<any> {
  const initial = await handle.initialResponse(timeoutMs);
  // A message (4), or a button's message updated in place (7): the answer came at once.
  if (initial.type === 4 || initial.type === 7) return initial.data;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const followUp = handle.followUps()[0];
    if (followUp) return followUp;
    const edits = handle.edits();
    const last = edits[edits.length - 1];
    if (last && !PROGRESS.test(String(last.content ?? ''))) return handle.original();
    if (Date.now() > deadline) throw new Error(`no settled answer after ${timeoutMs} ms; edits: ${JSON.stringify(edits.map((edit) => edit.content))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A command path as the fake Discord takes it: `groups add` → a subcommand group and its subcommand. */
export function subcommandPath(path: string): { subcommandGroup?: string; subcommand?: string } {
  const words = path.split(' ').filter(Boolean);
  if (words.length === 2) return { subcommandGroup: words[0]!, subcommand: words[1]! };
  return words[0] ? { subcommand: words[0] } : {};
}
