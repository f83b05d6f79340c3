import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from './dispatcher.js';
import { errors } from './errors.js';
import { SNOWFLAKE } from './ids.js';
import type { GroupRecord, MemberRecord, SwitchRecord, SystemRecord } from './model.js';
import type { Store } from './store.js';
import { coerceText, isJsonObject, type JsonObject } from './validation.js';

export interface ResolvedParams {
  system?: SystemRecord;
  member?: MemberRecord;
  group?: GroupRecord;
  switch?: SwitchRecord;
  /** Raw (percent-decoded) path segments by parameter name, e.g. guild_id, message. */
  raw: Record<string, string>;
}

export interface RequestContext {
  method: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  auth: SystemRecord | null;
  params: ResolvedParams;
  store: Store;
  /** Every write reports its dispatch event here, as PluralKit's repository does. */
  dispatch: Pick<Dispatcher, 'emit'>;
}

export interface Reply {
  status: number;
  /** undefined → empty body */
  body?: unknown;
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export const noContent: Reply = { status: 204 };

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const media = header.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || media === 'text/json' || /^application\/[^/]+\+json$/.test(media);
}

/** ASP.NET [FromBody] binding: wrong content type → 415, missing/malformed JSON → generic 400. */
function readJson(ctx: RequestContext): unknown {
  if (!isJsonContentType(ctx.headers['content-type'])) throw errors.unsupportedMediaType();
  if (ctx.rawBody.trim() === '') throw errors.badRequest();
  try {
    return JSON.parse(ctx.rawBody) as unknown;
  } catch {
    throw errors.badRequest();
  }
}

export function readJsonObject(ctx: RequestContext): JsonObject {
  const body = readJson(ctx);
  if (!isJsonObject(body)) throw errors.badRequest();
  return body;
}

export function readRefArray(ctx: RequestContext): string[] {
  const body = readJson(ctx);
  if (!Array.isArray(body)) throw errors.badRequest();
  return body.map((entry) => coerceText(entry) ?? '');
}

/** Route/query binding of a ulong guild ID; anything else is a generic 400. */
export function parseGuildId(value: string | null | undefined): string {
  if (value === null || value === undefined || !SNOWFLAKE.test(value)) throw errors.badRequest();
  return value;
}

export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('route parameter was not resolved');
  return value;
}
