import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ManualTimers, startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  /** Parsed JSON body. */
  envelope: Record<string, unknown>;
}

/** What the receiver answers: a status, or `hang` to never answer. */
export type ReceiverAnswer = number | 'hang';

/**
 * A dispatch endpoint for tests: records every POST and, by default, does what PluralKit asks of
 * a receiver (200 when `signing_token` matches the token it was given, 401 otherwise).
 */
export class DispatchReceiver {
  readonly posts: ReceivedPost[] = [];
  token: string | null = null;
  answer: (envelope: Record<string, unknown>) => ReceiverAnswer = (envelope) => (envelope.signing_token === this.token ? 200 : 401);
  private readonly hanging: ServerResponse[] = [];
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      this.posts.push({ headers: req.headers, envelope });
      const answer = this.answer(envelope);
      if (answer === 'hang') this.hanging.push(res);
      else res.writeHead(answer).end();
      for (const waiter of this.waiters.filter((entry) => this.posts.length >= entry.count)) waiter.resolve();
    });
  });

  url = '';

  static async start(): Promise<DispatchReceiver> {
    const receiver = new DispatchReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/pluralkit/dispatch`;
    return receiver;
  }

  get types(): unknown[] {
    return this.posts.map((post) => post.envelope.type);
  }

  /** Resolves once `count` POSTs have arrived (answered or hanging). */
  received(count: number): Promise<void> {
    if (this.posts.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  reset(): void {
    this.posts.length = 0;
    this.token = null;
    this.answer = (envelope) => (envelope.signing_token === this.token ? 200 : 401);
  }

  close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

export interface DispatchEnvironment {
  pk: PluralKitEmulator;
  receiver: DispatchReceiver;
  /** The emulator's dispatch timers: the 10 s timeout and delays fire only on `advance`. */
  timers: ManualTimers;
}

/** One emulator (rate limits off, manual dispatch timers) and one receiver per file, both emptied before each test. */
export function useDispatchEnvironment(): () => DispatchEnvironment {
  let environment: DispatchEnvironment | undefined;
  beforeAll(async () => {
    const timers = new ManualTimers();
    environment = { pk: await startPluralKitEmulator({ rateLimits: false, dispatchTimers: timers }), receiver: await DispatchReceiver.start(), timers };
  });
  afterAll(async () => {
    await environment?.pk.close();
    await environment?.receiver.close();
  });
  beforeEach(() => {
    environment!.pk.reset();
    environment!.receiver.reset();
  });
  return () => environment!;
}

/** `pk;system webhook <receiver>` with the receiver told the token first; returns the token. */
export function registerReceiver(environment: DispatchEnvironment, systemRef: string): Promise<string> {
  return environment.pk.dispatch.setWebhookUrl(systemRef, environment.receiver.url, {
    beforeTest: (signingToken) => {
      environment.receiver.token = signingToken;
    },
  });
}

/** Registers the receiver, then empties both logs so a test sees only what follows. */
export async function registerReceiverQuietly(environment: DispatchEnvironment, systemRef: string): Promise<string> {
  const token = await registerReceiver(environment, systemRef);
  environment.pk.dispatch.clearDeliveries();
  environment.receiver.posts.length = 0;
  return token;
}
