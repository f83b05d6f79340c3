import type { z } from 'zod';
import { invalidFormBody, type DiscordError } from './http-io.js';
import type { UploadedFile } from './message-store.js';
import type { FakeState } from './state.js';

export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Files of a multipart body, in order (none when the caller has no request body of its own). */
  readonly uploads?: ReadonlyArray<UploadedFile>;
  readonly state: FakeState;
}

/** `body: undefined` means 204 No Content. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  /** Shows up as `RecordedRequest.route`. */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api/v10 with `:param` segments, matched against percent-decoded segments. */
  readonly pattern: string;
  /** Bot routes need `Authorization: Bot <token>`; interaction callbacks and webhooks need none. */
  readonly auth: 'bot' | 'none';
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return true;
      }
      return part === segment;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

export function ok(body?: unknown): RouteResult {
  return body === undefined ? { status: 204 } : { status: 200, body };
}

export function fail(error: DiscordError): RouteResult {
  return { status: error.status, body: error.body };
}

/** Parses a request body or produces the 400 Discord would send, so bot bugs surface as DiscordAPIError 50035. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; result: RouteResult } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, result: fail(invalidFormBody(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '))) };
}
