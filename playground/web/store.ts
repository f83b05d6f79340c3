import { useEffect, useReducer } from 'preact/hooks';
import type { PlaygroundEvent, PlaygroundState } from '../shared/protocol.js';
import { api } from './api.js';

type Loaded = PlaygroundState & { connected: boolean };

type Action = { type: 'loaded'; state: PlaygroundState } | { type: 'event'; event: PlaygroundEvent } | { type: 'disconnected' };

function reduce(state: Loaded | null, action: Action): Loaded | null {
  if (action.type === 'loaded') return { ...action.state, connected: true };
  if (!state) return state;
  if (action.type === 'disconnected') return { ...state, connected: false };
  const { event } = action;
  switch (event.type) {
    case 'entry': {
      const index = state.entries.findIndex((entry) => entry.id === event.entry.id);
      const entries = index === -1 ? [...state.entries, event.entry] : state.entries.map((entry, i) => (i === index ? event.entry : entry));
      return { ...state, entries };
    }
    case 'entry-removed':
      return { ...state, entries: state.entries.filter((entry) => entry.id !== event.id) };
    case 'call':
      return state.calls.some((call) => call.id === event.call.id) ? state : { ...state, calls: [...state.calls, event.call] };
    case 'interaction': {
      const others = state.interactions.filter((interaction) => interaction.id !== event.interaction.id);
      return { ...state, interactions: [...others, event.interaction].sort((a, b) => a.at - b.at) };
    }
  }
}

/** The page's copy of the playground: loaded once, then kept current by server-sent events. */
export function usePlayground(): Loaded | null {
  const [state, dispatch] = useReducer(reduce, null);
  useEffect(() => {
    let closed = false;
    // Subscribe first so nothing that happens while the state loads is missed; replays are idempotent.
    const buffered: PlaygroundEvent[] = [];
    let loaded = false;
    const load = (): void => {
      loaded = false;
      api.state().then(
        (initial) => {
          if (closed) return;
          dispatch({ type: 'loaded', state: initial });
          loaded = true;
          for (const event of buffered.splice(0)) dispatch({ type: 'event', event });
        },
        () => dispatch({ type: 'disconnected' }),
      );
    };
    let everConnected = false;
    const stop = api.events(
      (event) => (loaded ? dispatch({ type: 'event', event }) : buffered.push(event)),
      (connected) => {
        if (!connected) dispatch({ type: 'disconnected' });
        else if (everConnected) load();
        everConnected ||= connected;
      },
    );
    load();
    return () => {
      closed = true;
      stop();
    };
  }, []);
  return state;
}
