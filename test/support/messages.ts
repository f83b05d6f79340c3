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

/** Stores a user's PluralKit token through the real DM modal flow. */
export async function connectToken(discord: FakeDiscord, user: { id: string; username?: string }, token: string): Promise<void> {
  const reply = await discord.modalSubmit({ customId: 'token:submit', fields: { token }, user, guildId: null }).finalMessage();
  if (!messageText(reply).includes('Connected')) throw new Error(`token setup failed: ${messageText(reply)}`);
}

/** A command path as the fake Discord takes it: `groups add` → a subcommand group and its subcommand. */
export function subcommandPath(path: string): { subcommandGroup?: string; subcommand?: string } {
  const words = path.split(' ').filter(Boolean);
  if (words.length === 2) return { subcommandGroup: words[0]!, subcommand: words[1]! };
  return words[0] ? { subcommand: words[0] } : {};
}
