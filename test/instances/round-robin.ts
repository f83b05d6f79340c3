import { createServer, request, type IncomingMessage, type Server } from 'node:http';

/**
 * The smallest load balancer: each POST goes to the next instance in turn, body and headers as
 * they came (the signature covers the raw bytes), and the instance's answer goes back as it was.
 */
export class RoundRobin {
  private next = 0;
  /** Which instance (by index) answered each request, in order. */
  readonly served: number[] = [];
  private server: Server | undefined;

  constructor(private readonly upstreams: readonly string[]) {}

  async listen(): Promise<string> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const index = this.next++ % this.upstreams.length;
        this.served.push(index);
        const target = new URL(incoming.url ?? '/', this.upstreams[index]);
        const forwarded = request(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, (answer: IncomingMessage) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        });
        forwarded.on('error', () => {
          outgoing.writeHead(502);
          outgoing.end();
        });
        forwarded.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
