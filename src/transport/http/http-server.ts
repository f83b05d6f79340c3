import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../logger.js';
import { BodyTimeoutError, BodyTooLargeError, readRawBody } from './body.js';
import { jsonAnswer, type HttpAnswer, type RouteHandler } from './routes.js';

export interface HttpLimits {
  /** Interaction payloads are a few kilobytes; a megabyte leaves room for large resolved data. */
  maxBodyBytes: number;
  /** A client (or a load balancer) has this long to send its body: a slow sender must not hold a socket. */
  bodyTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { maxBodyBytes: 1024 * 1024, bodyTimeoutMs: 10_000 };
const HEADERS_TIMEOUT_MS = 10_000;

/** A route's own body limit, and what a body past it is answered (default 413). */
export interface RouteLimits {
  maxBodyBytes?: number;
  tooLargeStatus?: number;
}

export type Readiness = 'starting' | 'ready' | 'draining';

/**
 * The bot's HTTP server: `POST` routes that read signed raw bodies (Discord's interactions and
 * webhook events, PluralKit's dispatch) and `GET /healthz` for load balancers. It knows routes,
 * limits and health, nothing of commands.
 */
export class SwitchboardHttpServer {
  private readonly server: Server;
  private readonly routes = new Map<string, { handler: RouteHandler; limits: RouteLimits }>();
  private readiness: Readiness = 'starting';

  constructor(
    private readonly log: Logger,
    private readonly limits: HttpLimits = DEFAULT_HTTP_LIMITS,
  ) {
    this.server = createServer((request, response) => {
      void this.serve(request, response);
    });
    this.server.headersTimeout = HEADERS_TIMEOUT_MS;
    this.server.requestTimeout = limits.bodyTimeoutMs + HEADERS_TIMEOUT_MS;
  }

  /** Adds a POST route (e.g. `/interactions`), optionally with a smaller body limit and its own answer past it. */
  post(path: string, handler: RouteHandler, limits: RouteLimits = {}): void {
    this.routes.set(path, { handler, limits });
  }

  setReadiness(readiness: Readiness): void {
    this.readiness = readiness;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    this.server.closeIdleConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    let answer: HttpAnswer;
    try {
      answer = await this.route(request, path);
    } catch (error) {
      if (error instanceof BodyTooLargeError) answer = jsonAnswer(this.routes.get(path)?.limits.tooLargeStatus ?? 413, { error: 'body too large' });
      else if (error instanceof BodyTimeoutError) answer = jsonAnswer(408, { error: 'body not received in time' });
      else {
        this.log.error({ err: error, path }, 'HTTP route failed');
        answer = jsonAnswer(500, { error: 'internal error' });
      }
    }
    if (response.destroyed) {
      answer.onSent?.(new Error('the client went away before the answer was ready'));
      return;
    }
    response.once('close', () => answer.onSent?.(response.writableFinished ? undefined : new Error('the connection closed before the answer was sent')));
    response.writeHead(answer.status, {
      ...(answer.contentType ? { 'content-type': answer.contentType } : {}),
      'content-length': String(answer.body?.length ?? 0),
    });
    response.end(answer.body);
  }

  private async route(request: IncomingMessage, path: string): Promise<HttpAnswer> {
    if (path === '/healthz') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return jsonAnswer(405, { error: 'method not allowed' });
      const ready = this.readiness === 'ready';
      return { status: ready ? 200 : 503, contentType: 'text/plain', body: Buffer.from(ready ? 'ok' : this.readiness, 'utf8') };
    }
    const route = this.routes.get(path);
    if (!route) return jsonAnswer(404, { error: 'not found' });
    if (request.method !== 'POST') return jsonAnswer(405, { error: 'method not allowed' });
    const body = await readRawBody(request, { maxBytes: route.limits.maxBodyBytes ?? this.limits.maxBodyBytes, timeoutMs: this.limits.bodyTimeoutMs });
    return route.handler({ body, signature: header(request, 'x-signature-ed25519'), timestamp: header(request, 'x-signature-timestamp') });
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
