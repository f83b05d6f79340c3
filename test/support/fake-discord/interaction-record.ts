import type { InitialResponse, InteractionHandle } from './types.js';
import { DEFAULT_WAIT_MS, type ChangeSignal } from './waiting.js';

export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const CallbackType = { Message: 4, DeferredMessage: 5, DeferredUpdate: 6, Update: 7, AutocompleteResult: 8, Modal: 9 } as const;

/** Everything the fake knows about one dispatched interaction. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly channelId: string;
  /** The message a component (or a modal opened from one) sits on; type 6/7 answers edit it. */
  readonly componentMessageId: string | undefined;
  /** When INTERACTION_CREATE went on the wire; the answer window starts here. */
  sentAt: number | undefined;
  initial: InitialResponse | undefined;
  originalMessageId: string | undefined;
  /** First message the user saw, as a plain object (see InteractionHandle.finalMessage). */
  visible: unknown;
  readonly followUps: unknown[];
  readonly edits: unknown[];
  /** Callbacks refused (late, duplicate, wrong type), for timeout messages. */
  readonly refusals: string[];
}

export class InteractionRegistry {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(private readonly signal: ChangeSignal) {}

  add(fields: Pick<InteractionRecord, 'id' | 'token' | 'type' | 'channelId' | 'componentMessageId'>): InteractionRecord {
    const record: InteractionRecord = {
      ...fields,
      sentAt: undefined,
      initial: undefined,
      originalMessageId: undefined,
      visible: undefined,
      followUps: [],
      edits: [],
      refusals: [],
    };
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  withToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  handle(record: InteractionRecord, readMessage: (id: string) => unknown): InteractionHandle {
    const signal = this.signal;
    const describe = (what: string) => (): string => {
      const refused = record.refusals.length > 0 ? `; refused callbacks: ${record.refusals.join(', ')}` : '';
      const sent = record.sentAt === undefined ? ' (never sent: no gateway connection)' : '';
      const initial = record.initial ? `; initial response was type ${record.initial.type}` : '; no initial response';
      return `${what} of interaction ${record.id}${sent}${initial}${refused}`;
    };
    return {
      id: record.id,
      token: record.token,
      initialResponse: (timeoutMs = DEFAULT_WAIT_MS) => signal.waitFor(() => record.initial, timeoutMs, describe('the initial response')),
      finalMessage: (timeoutMs = DEFAULT_WAIT_MS) =>
        signal.waitFor(
          () => {
            if (record.visible !== undefined) return record.visible;
            const type = record.initial?.type;
            if (type === CallbackType.Modal || type === CallbackType.AutocompleteResult) {
              throw new Error(`fake Discord: interaction ${record.id} was answered with callback type ${type}, which shows no message`);
            }
            return undefined;
          },
          timeoutMs,
          describe('the final message'),
        ),
      original: () => (record.originalMessageId ? readMessage(record.originalMessageId) : undefined),
      followUps: () => [...record.followUps],
      edits: () => [...record.edits],
      latencyMs: () => (record.initial && record.sentAt !== undefined ? record.initial.at - record.sentAt : undefined),
    };
  }
}
