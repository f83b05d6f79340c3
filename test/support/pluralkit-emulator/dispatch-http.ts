import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DispatchTimers } from './timers.js';

/** What PluralKit's delivery proxy (`crates/dispatch`) sends with every POST. */
export const DISPATCH_USER_AGENT = 'PluralKit Dispatch (https://pluralkit.me/api/dispatch/)';
/** reqwest's whole-request timeout in the delivery proxy. */
export const DISPATCH_TIMEOUT_MS = 10_000;

export type PostOutcome =
  | { kind: 'answered'; status: number }
  | { kind: 'failed'; error: string }
  | { kind: 'timed-out' };

export interface PendingPost {
  readonly outcome: Promise<PostOutcome>;
  /** Gives up on the request (emulator reset or close); the outcome becomes `failed`. */
  abort(): void;
}

/**
 * One POST the way the proxy makes it: a fresh connection per request (it builds a new client
 * each time), HTTP/1.1, JSON body, redirects not followed (a 3xx is just a non-200 answer), and
 * the whole exchange bounded by the timeout.
 */
export function postJson(url: string, body: string, timers: DispatchTimers, timeoutMs = DISPATCH_TIMEOUT_MS): PendingPost {
  let settle: (outcome: PostOutcome) => void = () => undefined;
  const outcome = new Promise<PostOutcome>((resolve) => {
    settle = resolve;
  });
  let settled = false;
  let req: ClientRequest | undefined;
  const timer = timers.setTimeout(() => finish({ kind: 'timed-out' }), timeoutMs);

  function finish(result: PostOutcome): void {
    if (settled) return;
    settled = true;
    timers.clearTimeout(timer);
    if (result.kind !== 'answered') req?.destroy();
    settle(result);
  }

  try {
    const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
    req = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'user-agent': DISPATCH_USER_AGENT,
        accept: '*/*',
        'content-length': Buffer.byteLength(body),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish({ kind: 'answered', status: res.statusCode ?? 0 }));
      res.on('error', (error) => finish({ kind: 'failed', error: error.message }));
    });
    req.on('error', (error) => finish({ kind: 'failed', error: error.message }));
    req.end(body);
  } catch (error) {
    finish({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
  return { outcome, abort: () => finish({ kind: 'failed', error: 'aborted by the emulator' }) };
}
