import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext, ResolvedParams } from './context.js';
import type { Dispatcher } from './dispatcher.js';
import { ApiError, errors, tooManyRequests } from './errors.js';
import { faultReplacesResponse, malformedText, type FaultRegistry, type FaultSpec } from './faults.js';
import type { SystemRecord } from './model.js';
import type { GcraLimiter } from './rate-limiter.js';
import {
  dotnetAcceptsRef,
  resolveGroupPathRef,
  resolveMemberPathRef,
  resolveSwitchPathRef,
  resolveSystemPathRef,
} from './refs.js';
import { allowedMethods, classifyUnmatched, isRustServed, matchRoute, type RouteMatch } from './router.js';
import type { Store } from './store.js';
import type { DispatchTimers } from './timers.js';

export interface RecordedRequest {
  method: string;
  /** Path after the origin without the query string, e.g. "/v2/systems/@me". */
  path: string;
  query: Record<string, string>;
  /** Lowercased header names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the raw text otherwise, undefined when empty. */
  body: unknown;
  /** 0 when the connection was reset by an injected fault. */
  status: number;
  /** With an `afterCommit` fault: what the real handler answered before the fault replaced it. */
  handledStatus?: number;
  /** When the request arrived, on the emulator's clock (the wall clock unless a test gave one). */
  at: number;
  /** When the answer was sent (or the connection reset); unset while in flight. */
  answeredAt?: number;
}

export interface EmulatorState {
  store: Store;
  limiter: GcraLimiter;
  faults: FaultRegistry;
  requests: RecordedRequest[];
  rateLimits: boolean;
  dispatcher: Dispatcher;
  /** Told about each request once it has been answered (or reset by a fault). */
  answeredListeners: Set<(request: RecordedRequest) => void>;
  /** Times faults' `delayMs`. */
  faultTimers: DispatchTimers;
  /** Milliseconds clock of the request log (`at`, `answeredAt`); the limiter's too. */
  now: () => number;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': '*',
  'access-control-allow-credentials': 'true',
  'access-control-allow-headers': 'Content-Type, Authorization, sentry-trace, User-Agent',
  'access-control-expose-headers':
    'X-PluralKit-Version, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-RateLimit-Scope',
  'access-control-max-age': '86400',
};

const RUST_JSON = 'application/json';
const DOTNET_JSON = 'application/json; charset=utf-8';
export const EMULATOR_VERSION = 'pluralkit-emulator';

interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

interface IncomingParts {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  clientIp: string;
  /** A write made inside PluralKit (bot command, dashboard): acts as this system, no rate limiting. */
  asSystem?: SystemRecord;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function loggedBody(rawBody: string): unknown {
  if (rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function resolveParams(state: EmulatorState, match: RouteMatch, auth: SystemRecord | null): ResolvedParams {
  const params: ResolvedParams = { raw: {} };
  for (const { name, value } of match.params) {
    params.raw[name] = value;
    if (name === 'system') params.system = resolveSystemPathRef(state.store, value, auth);
    else if (name === 'member') params.member = resolveMemberPathRef(state.store, value);
    else if (name === 'group') params.group = resolveGroupPathRef(state.store, value);
    else if (name === 'switch') params.switch = resolveSwitchPathRef(state.store, value);
  }
  return params;
}

/** .NET re-resolves refs with stricter rules; what it rejects is a 404 even though Rust found it. */
function assertDotnetAcceptsRefs(match: RouteMatch): void {
  for (const { name, value } of match.params) {
    if (name === 'system' && !dotnetAcceptsRef('system', value)) throw errors.systemNotFound();
    if (name === 'member' && !dotnetAcceptsRef('member', value)) throw errors.memberNotFound();
    if (name === 'group' && !dotnetAcceptsRef('group', value)) throw errors.groupNotFound();
  }
}

function targetSystemUuid(params: ResolvedParams): string | null {
  return params.system?.uuid ?? params.member?.systemUuid ?? params.group?.systemUuid ?? null;
}

function applyRateLimit(
  state: EmulatorState,
  parts: IncomingParts,
  params: ResolvedParams,
  auth: SystemRecord | null,
  headers: Record<string, string>,
): void {
  // The message scope is dead in production (route spelling mismatch), so GETs all share generic_get.
  const isGet = parts.method === 'GET';
  const scope = isGet ? 'generic_get' : 'generic_update';
  const rate = isGet ? 10 : 3;
  const ownSystem = auth !== null && targetSystemUuid(params) === auth.uuid;
  const key = ownSystem ? `system:${auth.uuid}:${scope}` : `ip:${parts.clientIp}:${scope}`;
  const decision = state.limiter.check(key, rate);
  headers['x-ratelimit-limit'] = String(decision.limit);
  headers['x-ratelimit-remaining'] = String(decision.remaining);
  headers['x-ratelimit-reset'] = String(decision.resetUnixSeconds);
  headers['x-ratelimit-scope'] = ownSystem ? scope.replace('generic', 'own_system') : scope;
  if (!decision.allowed) throw tooManyRequests(decision.retryAfterMs, scope);
}

/** The production middleware order (reference §0), minus what a fault already answered. */
function processRequest(state: EmulatorState, parts: IncomingParts): Outgoing {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  let servedByDotnet = false;
  try {
    if (parts.method === 'OPTIONS') return { status: 200, headers };

    const token = parts.headers.authorization;
    const auth = parts.asSystem ?? (token ? (state.store.systemByToken(token) ?? null) : null);

    const match = matchRoute(parts.path);
    if (!match) {
      const outcome = classifyUnmatched(parts.path);
      if (outcome instanceof ApiError) throw outcome;
      return { status: 302, headers: { ...headers, location: outcome.redirect } };
    }
    const params = resolveParams(state, match, auth);
    if (parts.headers['user-agent'] === undefined) throw errors.emptyBadRequest();
    const handler = match.route.methods[parts.method];
    if (!handler) {
      headers.allow = allowedMethods(match.route).join(',');
      throw errors.methodNotAllowed();
    }
    if (state.rateLimits && !parts.asSystem) applyRateLimit(state, parts, params, auth, headers);

    if (!isRustServed(match.route, parts.method)) {
      servedByDotnet = true;
      headers['x-pluralkit-version'] = EMULATOR_VERSION;
      assertDotnetAcceptsRefs(match);
    }
    const ctx: RequestContext = {
      method: parts.method,
      query: parts.query,
      headers: parts.headers,
      rawBody: parts.rawBody,
      auth,
      params,
      store: state.store,
      dispatch: state.dispatcher,
    };
    const reply = handler(ctx);
    if (reply.body === undefined) return { status: reply.status, headers };
    headers['content-type'] = servedByDotnet ? DOTNET_JSON : RUST_JSON;
    return { status: reply.status, headers, body: JSON.stringify(reply.body) };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : errors.internal();
    if (!(error instanceof ApiError)) console.error('pluralkit-emulator: handler crashed', error);
    if (apiError.body === undefined) return { status: apiError.status, headers };
    const defaultType = servedByDotnet ? DOTNET_JSON : RUST_JSON;
    headers['content-type'] = apiError.contentType === RUST_JSON ? defaultType : apiError.contentType;
    return { status: apiError.status, headers, body: JSON.stringify(apiError.body) };
  }
}

export interface InProcessReply {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

/**
 * Runs one API request in-process as `system`, the way PluralKit's own bot and dashboard change
 * data: same handlers and dispatch events, but no HTTP, no rate limiting, no faults, not logged.
 */
export function handleAsSystem(state: EmulatorState, system: SystemRecord, method: string, path: string, body?: unknown): InProcessReply {
  const queryStart = path.indexOf('?');
  const rawBody = body === undefined ? '' : JSON.stringify(body);
  const outgoing = processRequest(state, {
    method: method.toUpperCase(),
    path: `/v2${queryStart === -1 ? path : path.slice(0, queryStart)}`,
    query: new URLSearchParams(queryStart === -1 ? '' : path.slice(queryStart + 1)),
    headers: { 'user-agent': 'PluralKit', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    rawBody,
    clientIp: '127.0.0.1',
    asSystem: system,
  });
  return { status: outgoing.status, body: outgoing.body === undefined ? undefined : (JSON.parse(outgoing.body) as unknown) };
}

function faultResponse(fault: FaultSpec): Outgoing {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  if (fault.malformed) {
    return { status: fault.status ?? 200, headers: { ...headers, 'content-type': RUST_JSON, ...fault.headers }, body: malformedText(fault.body) };
  }
  if (fault.body === undefined) return { status: fault.status ?? 200, headers: { ...headers, ...fault.headers } };
  const isText = typeof fault.body === 'string';
  return {
    status: fault.status ?? 200,
    headers: { ...headers, 'content-type': isText ? 'text/plain; charset=utf-8' : RUST_JSON, ...fault.headers },
    body: isText ? (fault.body as string) : JSON.stringify(fault.body),
  };
}

/** A replaced answer still went through the pipeline: it keeps the rate-limit and version headers. */
function withPipelineHeaders(replacement: Outgoing, handled: Outgoing): Outgoing {
  const headers = { ...replacement.headers };
  for (const [name, value] of Object.entries(handled.headers)) {
    if (name.startsWith('x-') && !(name in headers)) headers[name] = value;
  }
  return { ...replacement, headers };
}

function send(res: ServerResponse, outgoing: Outgoing): void {
  res.writeHead(outgoing.status, outgoing.headers);
  res.end(outgoing.body);
}

function sleep(timers: DispatchTimers, ms: number): Promise<void> {
  return new Promise((resolve) => timers.setTimeout(resolve, ms));
}

export function createRequestListener(state: EmulatorState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawBody = await readBody(req);
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
    const method = (req.method ?? 'GET').toUpperCase();
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(query),
      headers: flattenHeaders(req.headers),
      body: loggedBody(rawBody),
      status: 0,
      at: state.now(),
    };
    state.requests.push(record);

    const apiPath = path === '/v2' ? '/' : path.startsWith('/v2/') ? path.slice(3) : path;
    const fault = state.faults.take(method, apiPath);
    const answered = (): void => {
      record.answeredAt = state.now();
      for (const listener of [...state.answeredListeners]) listener(record);
    };
    const real = (): Outgoing => {
      const forwardedIp = req.headers['x-pluralkit-client-ip'];
      return processRequest(state, {
        method,
        path,
        query,
        headers: req.headers,
        rawBody,
        clientIp: (Array.isArray(forwardedIp) ? forwardedIp[0] : forwardedIp) ?? req.socket.remoteAddress ?? 'unknown',
      });
    };
    let outgoing: Outgoing;
    if (fault?.afterCommit) {
      // The real pipeline runs (and commits) first; the fault only changes what the client gets.
      const handled = real();
      record.handledStatus = handled.status;
      if (fault.delayMs) await sleep(state.faultTimers, fault.delayMs);
      if (fault.reset) {
        req.socket.resetAndDestroy();
        answered();
        return;
      }
      outgoing = faultReplacesResponse(fault) ? withPipelineHeaders(faultResponse(fault), handled) : handled;
      if (fault.headers) Object.assign(outgoing.headers, fault.headers);
    } else {
      if (fault?.delayMs) await sleep(state.faultTimers, fault.delayMs);
      if (fault?.reset) {
        req.socket.resetAndDestroy();
        answered();
        return;
      }
      if (fault && faultReplacesResponse(fault)) {
        outgoing = faultResponse(fault);
      } else {
        outgoing = real();
        if (fault?.headers) Object.assign(outgoing.headers, fault.headers);
      }
    }
    record.status = outgoing.status;
    if (!res.destroyed) send(res, outgoing);
    answered();
  };
}
