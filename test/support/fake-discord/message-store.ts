/**
 * Messages the bot created (channel messages, interaction replies, follow-ups), so
 * they can be edited, fetched and used as the message a button sits on.
 *
 * A stored message is the request body spread over the fields Discord adds. Keeping
 * body-only fields (allowed_mentions, attachments metadata) lets tests assert on
 * exactly what the bot sent.
 */
export type StoredMessage = Record<string, unknown> & { id: string; channel_id: string; flags: number };

export const MessageFlag = { Ephemeral: 64, Loading: 128 } as const;

export interface NewMessage {
  id: string;
  channelId: string;
  author: Record<string, unknown>;
  body: Record<string, unknown>;
  flags?: number;
  webhookId?: string;
  applicationId?: string;
}

export class MessageStore {
  private readonly messages = new Map<string, StoredMessage>();

  create(input: NewMessage): StoredMessage {
    const message: StoredMessage = {
      type: 0,
      content: '',
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      edited_timestamp: null,
      ...input.body,
      id: input.id,
      channel_id: input.channelId,
      author: input.author,
      timestamp: new Date().toISOString(),
      flags: input.flags ?? numberOr(input.body.flags, 0),
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
      ...(input.applicationId ? { application_id: input.applicationId } : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  /** Adds a message the bot did not send (e.g. a message-context target) so buttons/fetches can find it. */
  put(message: StoredMessage): void {
    this.messages.set(message.id, message);
  }

  get(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  /** Applies an edit body. The ephemeral bit is fixed at creation; the loading bit goes away once content arrives. */
  edit(id: string, body: Record<string, unknown>): StoredMessage | undefined {
    const current = this.messages.get(id);
    if (!current) return undefined;
    const ephemeral = current.flags & MessageFlag.Ephemeral;
    const requested = numberOr(body.flags, current.flags) & ~MessageFlag.Loading & ~MessageFlag.Ephemeral;
    const edited: StoredMessage = {
      ...current,
      ...body,
      id: current.id,
      channel_id: current.channel_id,
      flags: requested | ephemeral,
      edited_timestamp: new Date().toISOString(),
    };
    this.messages.set(id, edited);
    return edited;
  }

  delete(id: string): boolean {
    return this.messages.delete(id);
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
