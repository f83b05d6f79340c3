import type {
  AutocompleteChoice,
  AutocompleteRequest,
  ComponentRequest,
  DirectMessageRequest,
  DispatchResult,
  MessageCommandRequest,
  ModalRequest,
  PlaygroundEvent,
  PlaygroundState,
  SlashRequest,
} from '../shared/protocol.js';

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `${path} answered ${response.status}`);
  return answer;
}

/** The playground server's API (server/http.ts). */
export const api = {
  async state(): Promise<PlaygroundState> {
    const response = await fetch('/api/state');
    return (await response.json()) as PlaygroundState;
  },
  /** `onConnection(true)` on every (re)connection: events sent while away are lost, so the state is read again. */
  events(onEvent: (event: PlaygroundEvent) => void, onConnection: (connected: boolean) => void): () => void {
    const source = new EventSource('/api/events');
    source.onmessage = (message) => onEvent(JSON.parse(String(message.data)) as PlaygroundEvent);
    source.onopen = () => onConnection(true);
    source.onerror = () => onConnection(false);
    return () => source.close();
  },
  slash: (request: SlashRequest) => post<DispatchResult>('/api/slash', request),
  autocomplete: (request: AutocompleteRequest) => post<{ choices: AutocompleteChoice[] }>('/api/autocomplete', request).then((answer) => answer.choices),
  component: (request: ComponentRequest) => post<DispatchResult>('/api/component', request),
  modal: (request: ModalRequest) => post<DispatchResult>('/api/modal', request),
  messageCommand: (request: MessageCommandRequest) => post<DispatchResult>('/api/message-command', request),
  directMessage: (request: DirectMessageRequest) => post<Record<string, never>>('/api/dm', request),
  attachmentUrl: (messageId: string, name: string) => `/api/attachments/${messageId}/${encodeURIComponent(name)}`,
};
