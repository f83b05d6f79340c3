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

/** A file the bot uploaded with a message (multipart `files[n]`). */
export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/**
 * What happened to a message the bot sent, for watchers such as the playground. `interactionId` names
 * the interaction whose reply, follow-up or component message it is; none for plain channel messages.
 * After `delete`, `message` is its last state.
 */
export interface MessageEvent {
  type: 'create' | 'update' | 'delete';
  message: StoredMessage;
  interactionId: string | undefined;
}

export interface NewMessage {
  id: string;
  channelId: string;
  author: Record<string, unknown>;
  body: Record<string, unknown>;
  flags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionId?: string;
  files?: readonly UploadedFile[];
}

export class MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly interactionOf = new Map<string, string>();
  private readonly files = new Map<string, Map<string, Buffer>>();
  private readonly listeners = new Set<(event: MessageEvent) => void>();

  /** Calls `listener` after every create, edit and delete; returns the unsubscribe function. */
  watch(listener: (event: MessageEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A file uploaded with the message (by its latest upload under that name). */
  file(messageId: string, name: string): Buffer | undefined {
    return this.files.get(messageId)?.get(name);
  }

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
    if (input.interactionId) this.interactionOf.set(message.id, input.interactionId);
    this.keepFiles(message.id, input.files);
    this.announce('create', message);
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
  edit(id: string, body: Record<string, unknown>, files?: readonly UploadedFile[]): StoredMessage | undefined {
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
    this.keepFiles(id, files);
    this.announce('update', edited);
    return edited;
  }

  /** The messages in a channel, oldest first. */
  inChannel(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.channel_id === channelId);
  }

  delete(id: string): boolean {
    const message = this.messages.get(id);
    if (!message) return false;
    this.messages.delete(id);
    this.announce('delete', message);
    return true;
  }

  private keepFiles(messageId: string, files: readonly UploadedFile[] | undefined): void {
    if (!files?.length) return;
    const kept = this.files.get(messageId) ?? new Map<string, Buffer>();
    for (const file of files) kept.set(file.name, file.bytes);
    this.files.set(messageId, kept);
  }

  private announce(type: MessageEvent['type'], message: StoredMessage): void {
    const event: MessageEvent = { type, message, interactionId: this.interactionOf.get(message.id) };
    for (const listener of [...this.listeners]) listener(event);
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
