import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';

/** Where one request goes: an instance by index, or `both` (the same POST to every instance, as a retrying client could). */
export type Route = number | 'both';

/** A request as the balancer took it in. */
interface Sent {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The request never reached the instance (nothing listens there any more): safe to send elsewhere. */
class Unreachable extends Error {}

/**
 * The smallest load balancer: each POST goes to the next instance in turn, body and headers as
 * they came (the signature covers the raw bytes), and the instance's answer goes back as it was.
 * As real balancers do, a request an instance refuses to connect for (it died) goes to the next
 * one. Tests may `plan` where the next requests go.
 */
export class RoundRobin {
  private next = 0;
  private readonly planned: Route[] = [];
  /** Which instance (by index) answered each request, in order. */
  readonly served: number[] = [];
  /** For each request sent to `both`: every instance's HTTP status, by index. */
  readonly mirrored: number[][] = [];
  private server: Server | undefined;

  constructor(private readonly upstreams: readonly string[]) {}

  /** The next requests, in the order they arrive, go where these say instead of in turn. */
  plan(...routes: Route[]): void {
    this.planned.push(...routes);
  }

  async listen(): Promise<string> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const sent: Sent = { method: incoming.method ?? 'POST', path: incoming.url ?? '/', headers: incoming.headers, body: Buffer.concat(chunks) };
        const route = this.planned.shift() ?? 'in turn';
        if (route === 'both') {
          this.mirror(sent).then(
            (answer) => outgoing.writeHead(answer.status, answer.headers).end(answer.body),
            () => outgoing.writeHead(502).end(),
          );
          return;
        }
        this.route(route, sent).then(
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
          () => outgoing.writeHead(502).end(),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** In turn (skipping instances that refuse the connection), or to the one planned. */
  private async route(route: number | 'in turn', sent: Sent): Promise<IncomingMessage> {
    if (route !== 'in turn') {
      this.served.push(route);
      return this.forward(route, sent);
    }
    // Its place in `served` is taken on arrival, so concurrent requests are listed as they came.
    const slot = this.served.push(-1) - 1;
    for (let tries = 0; tries < this.upstreams.length; tries += 1) {
      const index = this.next++ % this.upstreams.length;
      this.served[slot] = index;
      try {
        return await this.forward(index, sent);
      } catch (error) {
        if (!(error instanceof Unreachable)) throw error;
      }
    }
    throw new Error('no instance reachable');
  }

  /** The same request to every instance at once; the client gets the first successful answer. */
  private async mirror(sent: Sent): Promise<Answer> {
    const answers = await Promise.all(this.upstreams.map(async (_, index) => readAnswer(await this.forward(index, sent))));
    this.mirrored.push(answers.map((answer) => answer.status));
    const chosen = Math.max(answers.findIndex((answer) => answer.status === 200), 0);
    this.served.push(chosen);
    return answers[chosen]!;
  }

  /** Resolves with the instance's answer as it starts to arrive. */
  private forward(index: number, sent: Sent): Promise<IncomingMessage> {
    const target = new URL(sent.path, this.upstreams[index]);
    return new Promise((resolve, reject) => {
      const forwarded = request(target, { method: sent.method, headers: { ...sent.headers, host: target.host } }, resolve);
      // Refused, or a kept-alive connection the dead instance's kernel reset before this request was read.
      forwarded.on('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ECONNREFUSED' || (forwarded.reusedSocket && error.code === 'ECONNRESET') ? new Unreachable(error.message) : error),
      );
      forwarded.end(sent.body);
    });
  }
}

function readAnswer(answer: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => parts.push(chunk));
    answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
    answer.on('error', reject);
  });
}
