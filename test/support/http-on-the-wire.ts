import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** HTTP requests of this process that are on the wire right now (see `watchHttpRequests`). */
export interface HttpRequestWatch {
  /** Sent or about to be, and not yet answered in full or failed. */
  readonly onTheWire: number;
  stop(): void;
}

const STARTED = ['undici:request:create'];
const ENDED = ['undici:request:trailers', 'undici:request:error'];

/**
 * Counts the HTTP requests this process has under way, through undici's diagnostics channels:
 * the PluralKit client's pool and `fetch` both publish there. A test that moves a manual clock
 * while real requests travel over loopback moves it only when this is 0 (`ManualClock.runWhenQuiet`),
 * so time never runs ahead of a request still on its way.
 */
export function watchHttpRequests(): HttpRequestWatch {
  const requests = new Set<unknown>();
  const started = (message: unknown): void => void requests.add((message as { request: unknown }).request);
  const ended = (message: unknown): void => void requests.delete((message as { request: unknown }).request);
  for (const name of STARTED) subscribe(name, started);
  for (const name of ENDED) subscribe(name, ended);
  return {
    get onTheWire() {
      return requests.size;
    },
    stop() {
      for (const name of STARTED) unsubscribe(name, started);
      for (const name of ENDED) unsubscribe(name, ended);
    },
  };
}
