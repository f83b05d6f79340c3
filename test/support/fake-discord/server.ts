import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CommandStore } from './command-store.js';
import { DmChannels } from './dm-channels.js';
import { FakeGateway } from './gateway.js';
import { FakeGuilds } from './guilds.js';
import { HttpDelivery } from './http-delivery.js';
import { DiscordErrors, UnparsableBodyError, readBody, sendJson, sendNoContent, type ParsedBody } from './http-io.js';
import { InteractionFactory } from './interaction-factory.js';
import { InteractionRegistry } from './interaction-record.js';
import { MessageStore } from './message-store.js';
import { matchRoute, type Route, type RouteResult } from './router.js';
import { applicationRoutes } from './routes/application-routes.js';
import { channelRoutes } from './routes/channel-routes.js';
import { interactionRoutes } from './routes/interaction-routes.js';
import { createSnowflakeGenerator } from './snowflake.js';
import type { FakeConfig, FakeState } from './state.js';
import type { FakeDiscord, FakeDiscordOptions, GatewayDrop, RecordedRequest, WaitForRequestOptions } from './types.js';
import { UserDirectory, apiUser } from './users.js';
import { ChangeSignal, DEFAULT_WAIT_MS } from './waiting.js';

const API_PREFIX = '/api/v10';
const GATEWAY_PATH = '/gateway';
const ROUTES: readonly Route[] = [...applicationRoutes, ...interactionRoutes, ...channelRoutes];

/** Starts the fake on 127.0.0.1 with a random port. See README.md in this folder. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const config: FakeConfig = {
    botToken: options.botToken ?? 'fake-bot-token.for-tests-only',
    applicationId: options.applicationId ?? '900000000000000001',
    botUserId: options.botUserId ?? options.applicationId ?? '900000000000000001',
    botUsername: options.botUsername ?? 'Switchboard Test',
    interactionWindowMs: options.interactionWindowMs ?? 3_000,
    interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 45_000,
  };
  const signal = new ChangeSignal();
  const nextId = createSnowflakeGenerator();
  let port = 0;
  const state: FakeState = {
    config,
    nextId,
    signal,
    users: new UserDirectory(),
    messages: new MessageStore(),
    interactions: new InteractionRegistry(signal),
    commands: new CommandStore(config.applicationId, nextId),
    dms: new DmChannels(nextId),
    guilds: new FakeGuilds(),
    botUser: () => ({ ...apiUser({ id: config.botUserId, username: config.botUsername }, { bot: true }), verified: true, flags: 0 }),
    gatewayUrl: () => `ws://127.0.0.1:${port}${GATEWAY_PATH}`,
    attachments: new Map(),
    cdnUrl: (id, filename) => `http://127.0.0.1:${port}${CDN_PREFIX}/${id}/${encodeURIComponent(filename)}`,
  };
  const gateway = new FakeGateway({
    botToken: config.botToken,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    resumeUrl: state.gatewayUrl,
    signal,
    readyData: (sessionId) => ({
      v: 10,
      user: state.botUser(),
      guilds: [],
      session_id: sessionId,
      resume_gateway_url: state.gatewayUrl(),
      shard: [0, 1],
      application: { id: config.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
      user_settings: {},
      auth: {},
    }),
  });
  const requests: RecordedRequest[] = [];
  const http = new HttpDelivery(state, (request) => requests.push({ index: requests.length, ...request }));
  const overHttp = options.delivery === 'http';
  const factory = new InteractionFactory(state, (t, d, onSent) => {
    if (overHttp && t === 'INTERACTION_CREATE') http.deliver(d as { id: string; token: string }, onSent ?? (() => undefined));
    else gateway.dispatch(t, d, onSent);
  });

  const server = createServer((request, response) => {
    void handleRequest(state, requests, request, response);
  });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://x').pathname === GATEWAY_PATH) gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const describeRequests = (): string => requests.slice(-10).map((r) => `${r.method} ${r.path} → ${r.status}`).join('; ') || 'no requests';

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: state.gatewayUrl(),
    botToken: config.botToken,
    applicationId: config.applicationId,
    botUserId: config.botUserId,
    requests,
    identifies: gateway.identifies,

    waitForIdentify: (timeoutMs = DEFAULT_WAIT_MS) => signal.waitFor(() => gateway.identifies.at(-1), timeoutMs, () => 'an IDENTIFY'),
    waitForReady: (timeoutMs = DEFAULT_WAIT_MS) =>
      signal.waitFor(() => (gateway.handshakes.some((h) => h.proven) ? true : undefined), timeoutMs, () => 'READY to be processed').then(() => undefined),
    waitForRequest(predicate, waitOptions: number | WaitForRequestOptions = {}) {
      const { since = 0, timeoutMs = DEFAULT_WAIT_MS } = typeof waitOptions === 'number' ? { timeoutMs: waitOptions } : waitOptions;
      return signal.waitFor(() => requests.slice(since).find(predicate), timeoutMs, () => `a matching request (last ones: ${describeRequests()})`);
    },
    unmatchedRequests: () => requests.filter((r) => r.route === null),
    registeredCommands: (scope = {}) => [...state.commands.list(scope.guildId)],

    slashCommand: (input) => factory.slashCommand(input),
    autocomplete: (input) => factory.autocomplete(input),
    button: (input) => factory.button(input),
    selectMenu: (input) => factory.selectMenu(input),
    modalSubmit: (input) => factory.modalSubmit(input),
    messageContext: (input) => factory.messageContext(input),
    directMessage: (input) => factory.directMessage(input),
    dmMessagesTo(userId) {
      const path = `/channels/${state.dms.channelFor(userId)}/messages`;
      return requests.filter((r) => r.method === 'POST' && r.path === path && r.status === 200);
    },
    dmChannelId: (userId) => state.dms.channelFor(userId),
    setDmsClosed: (userId, closed) => state.dms.setClosed(userId, closed),
    refuseDms: (userId, error) => state.dms.setRefusal(userId, error),
    defineGuild: (guild) => state.guilds.define(guild),
    channelMessages: (channelId) => state.messages.inChannel(channelId),
    interactionsPublicKey: http.publicKeyHex,
    setInteractionsEndpoint(url) {
      http.endpoint = url;
    },
    signedPost: (url, body, signedOptions) => http.post(url, body, signedOptions),
    watchMessages: (listener) => state.messages.watch(listener),
    attachment: (messageId, name) => state.messages.file(messageId, name),
    dropGateway(code = 4000): GatewayDrop {
      const next = gateway.handshakes.length;
      gateway.drop(code);
      return {
        reconnected: (timeoutMs = DEFAULT_WAIT_MS) =>
          signal.waitFor(
            () => {
              const handshake = gateway.handshakes[next];
              return handshake?.proven ? handshake.kind : undefined;
            },
            timeoutMs,
            () => 'the client to reconnect after dropGateway',
          ),
      };
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** Where attachments are served, as Discord's CDN serves them (no auth; the URL is the key). */
const CDN_PREFIX = '/attachments';

async function handleRequest(state: FakeState, requests: RecordedRequest[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith(`${CDN_PREFIX}/`)) return serveAttachment(state, requests, url, response);
  const relative = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : null;
  const segments = (relative ?? url.pathname).split('/').filter(Boolean).map(decodeSegment);
  const method = request.method ?? 'GET';
  const match = relative === null ? undefined : matchRoute(ROUTES, method, segments);

  let parsed: ParsedBody = { body: undefined, files: [], uploads: [] };
  let result: RouteResult;
  try {
    parsed = await readBody(request);
    result = await route(state, match, request, url, parsed);
  } catch (error) {
    result = error instanceof UnparsableBodyError ? { status: DiscordErrors.invalidJson.status, body: DiscordErrors.invalidJson.body } : internalError(error);
  }

  requests.push({
    index: requests.length,
    method,
    path: relative === null ? decodeURIComponent(url.pathname) : `/${segments.join('/')}`,
    rawPath: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
    body: parsed.body,
    files: parsed.files,
    uploads: parsed.uploads,
    route: match?.route.name ?? null,
    status: result.status,
    at: Date.now(),
  });
  if (result.body === undefined) sendNoContent(response);
  else sendJson(response, result.status, result.body);
  state.signal.notify();
}

function serveAttachment(state: FakeState, requests: RecordedRequest[], url: URL, response: ServerResponse): void {
  const id = url.pathname.slice(CDN_PREFIX.length + 1).split('/')[0] ?? '';
  const file = state.attachments.get(id);
  requests.push({
    index: requests.length,
    method: 'GET',
    path: decodeURIComponent(url.pathname),
    rawPath: url.pathname,
    query: {},
    headers: {},
    body: undefined,
    files: [],
    uploads: [],
    route: 'cdn attachment',
    status: file ? 200 : 404,
    at: Date.now(),
  });
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
}

async function route(state: FakeState, match: ReturnType<typeof matchRoute>, request: IncomingMessage, url: URL, parsed: ParsedBody): Promise<RouteResult> {
  if (!match) return { status: DiscordErrors.notFound.status, body: DiscordErrors.notFound.body };
  if (match.route.auth === 'bot' && request.headers.authorization !== `Bot ${state.config.botToken}`) {
    return { status: DiscordErrors.unauthorized.status, body: DiscordErrors.unauthorized.body };
  }
  return match.route.handle({ params: match.params, query: Object.fromEntries(url.searchParams), body: parsed.body, uploads: parsed.uploads, state });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function internalError(error: unknown): RouteResult {
  // A 500 would be retried three times by discord.js; a 400 surfaces the fake's own bug at once.
  return { status: 400, body: { code: 0, message: `fake Discord failed: ${error instanceof Error ? error.message : String(error)}` } };
}
