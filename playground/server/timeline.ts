import type { MessageEvent } from '../../test/support/fake-discord/index.js';
import type { RecordedRequest } from '../../test/support/pluralkit-emulator/index.js';
import type { SeededPost } from '../../test/support/pluralkit-emulator/seed-file.js';
import type { Entry, InteractionSummary, Place, PlaygroundEvent, PluralKitCall } from '../shared/protocol.js';
import { BOT_NAME, CHANNEL_ID } from './scene.js';

const EPHEMERAL = 64;

interface InteractionNote extends InteractionSummary {
  place: Place;
}

/**
 * Everything the page shows, kept in order and told to subscribers as it happens: the messages
 * of the channel and of each DM, the interactions and the PluralKit calls each one caused.
 */
export class Timeline {
  private readonly entries = new Map<string, Entry>();
  private readonly interactions = new Map<string, InteractionNote>();
  private readonly calls: PluralKitCall[] = [];
  private readonly subscribers = new Set<(event: PlaygroundEvent) => void>();

  /** `dmOwner` tells whose DM channel an ID is. */
  constructor(private readonly dmOwner: (channelId: string) => string | undefined) {}

  subscribe(listener: (event: PlaygroundEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  snapshot(): { entries: Entry[]; calls: PluralKitCall[]; interactions: InteractionSummary[] } {
    return {
      entries: [...this.entries.values()],
      calls: [...this.calls],
      interactions: [...this.interactions.values()].map(summary),
    };
  }

  entry(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  addPost(post: SeededPost): void {
    this.put({
      id: post.id,
      place: { kind: 'guild' },
      author: { name: post.authorName, avatarUrl: post.avatarUrl, tag: 'APP', personId: null },
      timestamp: post.timestamp,
      message: { id: post.id, channel_id: post.channel, guild_id: post.guild, content: post.content, embeds: [], components: [], attachments: [], flags: 0 },
      onlyFor: null,
      invocation: null,
      interactionId: null,
      proxied: true,
    });
  }

  /** What a person typed in their DM with the bot (a pasted token, say). */
  addUserMessage(id: string, personId: string, authorName: string, content: string): void {
    this.put({
      id,
      place: { kind: 'dm', personId },
      author: { name: authorName, avatarUrl: null, tag: null, personId },
      timestamp: new Date().toISOString(),
      message: { id, content, embeds: [], components: [], attachments: [], flags: 0 },
      onlyFor: null,
      invocation: null,
      interactionId: null,
      proxied: false,
    });
  }

  interactionStarted(id: string, personId: string, place: Place, label: string): void {
    const note: InteractionNote = { id, personId, place, label, at: Date.now(), status: 'pending' };
    this.interactions.set(id, note);
    this.emit({ type: 'interaction', interaction: summary(note) });
  }

  interactionSettled(id: string, status: 'answered' | 'failed'): void {
    const note = this.interactions.get(id);
    if (!note) return;
    note.status = status;
    this.emit({ type: 'interaction', interaction: summary(note) });
    if (status === 'failed') {
      // Discord's own line under the command; only the person who ran it sees it.
      this.put({
        id: `failed-${id}`,
        place: note.place,
        author: { name: BOT_NAME, avatarUrl: null, tag: 'APP', personId: null },
        timestamp: new Date().toISOString(),
        message: { content: '', embeds: [], components: [], attachments: [], flags: EPHEMERAL, playground_failed: true },
        onlyFor: note.personId,
        invocation: { personId: note.personId, label: note.label },
        interactionId: id,
        proxied: false,
      });
    }
  }

  onMessage(event: MessageEvent): void {
    const { message } = event;
    if (event.type === 'delete') {
      if (this.entries.delete(message.id)) this.emit({ type: 'entry-removed', id: message.id });
      return;
    }
    const place = this.placeOf(message.channel_id);
    if (!place) return;
    const note = event.interactionId ? this.interactions.get(event.interactionId) : undefined;
    const existing = this.entries.get(message.id);
    this.put({
      id: message.id,
      place,
      author: { name: BOT_NAME, avatarUrl: null, tag: 'APP', personId: null },
      timestamp: existing?.timestamp ?? String(message.timestamp ?? new Date().toISOString()),
      message,
      onlyFor: existing?.onlyFor ?? ((message.flags & EPHEMERAL) !== 0 && note ? note.personId : null),
      invocation: existing?.invocation ?? (note ? { personId: note.personId, label: note.label } : null),
      interactionId: existing?.interactionId ?? note?.id ?? null,
      proxied: false,
    });
  }

  /** A PluralKit request belongs to the latest interaction before it: the page is one person clicking. */
  onPluralKitRequest(request: RecordedRequest): void {
    const owner = [...this.interactions.values()].filter((note) => note.at <= request.at).at(-1);
    const call: PluralKitCall = {
      id: this.calls.length + 1,
      interactionId: owner?.id ?? null,
      at: request.at,
      method: request.method,
      path: request.path.replace(/^\/v2/, ''),
      query: request.query,
      status: request.status,
      durationMs: request.answeredAt === undefined ? null : request.answeredAt - request.at,
      withToken: Boolean(request.headers.authorization),
    };
    this.calls.push(call);
    this.emit({ type: 'call', call });
  }

  private placeOf(channelId: string): Place | undefined {
    if (channelId === CHANNEL_ID) return { kind: 'guild' };
    const personId = this.dmOwner(channelId);
    return personId ? { kind: 'dm', personId } : undefined;
  }

  private put(entry: Entry): void {
    this.entries.set(entry.id, entry);
    this.emit({ type: 'entry', entry });
  }

  private emit(event: PlaygroundEvent): void {
    for (const listener of [...this.subscribers]) listener(event);
  }
}

function summary(note: InteractionNote): InteractionSummary {
  return { id: note.id, personId: note.personId, label: note.label, at: note.at, status: note.status };
}
