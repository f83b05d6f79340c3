import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { FakeDiscord } from '../../test/support/fake-discord/index.js';
import type { PlaygroundState } from '../shared/protocol.js';
import { Actions, PlaygroundRequestError } from './actions.js';
import type { PageAssets } from './bundle.js';
import { requestSchemas } from './requests.js';
import { BOT_NAME, CHANNEL_NAME, GUILD_ID, GUILD_NAME, PEOPLE, personById } from './scene.js';
import type { Timeline } from './timeline.js';
import type { DemoWorld } from './world.js';

const MAX_BODY_BYTES = 64 * 1024;
/**
 * The fonts the charts use, from npm, so the page shows the names of every script on any machine,
 * offline (a fresh Debian has none for Hebrew, Korean, Thai, Bengali). Each CSS file gives its
 * faces a unicode-range: a browser fetches only the files for the letters on the page.
 */
const FONT_PACKAGES: Record<string, string> = {
  'noto-sans': '@fontsource-variable/noto-sans',
  'noto-sans-jp': '@fontsource-variable/noto-sans-jp',
  'noto-sans-kr': '@fontsource-variable/noto-sans-kr',
  'noto-sans-hebrew': '@fontsource-variable/noto-sans-hebrew',
  'noto-sans-arabic': '@fontsource-variable/noto-sans-arabic',
  'noto-sans-thai': '@fontsource-variable/noto-sans-thai',
  'noto-sans-bengali': '@fontsource-variable/noto-sans-bengali',
  'noto-color-emoji': '@fontsource/noto-color-emoji',
};
const FONT_TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', woff2: 'font/woff2', woff: 'font/woff' };
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export interface PlaygroundServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the page and its API on 127.0.0.1 only: it acts as anyone in the demo, so it is for this machine alone. */
export async function servePlayground(world: DemoWorld, assets: PageAssets, options: { port?: number } = {}): Promise<PlaygroundServer> {
  const actions = new Actions(world.discord, world.timeline);
  const server: Server = createServer((request, response) => {
    handle(world, actions, assets, request, response).catch((error: unknown) => {
      const status = error instanceof PlaygroundRequestError ? 400 : 500;
      if (status === 500) console.error('playground: request failed', error);
      if (!response.headersSent) sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(world: DemoWorld, actions: Actions, assets: PageAssets, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const route = `${request.method ?? 'GET'} ${url.pathname}`;
  switch (route) {
    case 'GET /':
      return send(response, 200, 'text/html; charset=utf-8', assets.html);
    case 'GET /app.js':
      return send(response, 200, 'text/javascript; charset=utf-8', assets.script);
    case 'GET /app.css':
      return send(response, 200, 'text/css; charset=utf-8', assets.styles);
    case 'GET /api/state':
      return sendJson(response, 200, state(world));
    case 'GET /api/events':
      return streamEvents(world.timeline, request, response);
    case 'POST /api/slash':
      return sendJson(response, 200, await actions.slash(await readJson(request, requestSchemas.slash)));
    case 'POST /api/autocomplete':
      return sendJson(response, 200, { choices: await actions.autocomplete(await readJson(request, requestSchemas.autocomplete)) });
    case 'POST /api/component':
      return sendJson(response, 200, await actions.component(await readJson(request, requestSchemas.component)));
    case 'POST /api/modal':
      return sendJson(response, 200, await actions.modal(await readJson(request, requestSchemas.modal)));
    case 'POST /api/message-command':
      return sendJson(response, 200, await actions.messageCommand(await readJson(request, requestSchemas.messageCommand)));
    case 'POST /api/dm':
      await actions.directMessage(await readJson(request, requestSchemas.directMessage));
      return sendJson(response, 200, {});
  }
  const font = /^\/fonts\/([\w-]+)\/((?:files\/)?[\w.-]+\.(css|woff2|woff))$/.exec(url.pathname);
  if (request.method === 'GET' && font && FONT_PACKAGES[font[1]!]) return sendFont(response, FONT_PACKAGES[font[1]!]!, font[2]!, FONT_TYPES[font[3]!]!);
  const attachment = /^\/api\/attachments\/(\d{1,20})\/([^/]+)$/.exec(url.pathname);
  if (request.method === 'GET' && attachment) return sendAttachment(world.discord, response, attachment[1]!, decodeURIComponent(attachment[2]!));
  sendJson(response, 404, { error: 'not found' });
}

function state(world: DemoWorld): PlaygroundState {
  return {
    people: [...PEOPLE],
    guildName: GUILD_NAME,
    channelName: CHANNEL_NAME,
    botName: BOT_NAME,
    commands: [...world.discord.registeredCommands(), ...world.discord.registeredCommands({ guildId: GUILD_ID })] as PlaygroundState['commands'],
    ...world.timeline.snapshot(),
    demoTokens: world.seeded.systems.flatMap((system) =>
      system.token ? [{ systemId: system.id, systemName: system.name, token: system.token, personId: system.accounts.find((account) => personById(account)) ?? null }] : [],
    ),
  };
}

function streamEvents(timeline: Timeline, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribe = timeline.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
  request.on('close', unsubscribe);
}

function sendAttachment(discord: FakeDiscord, response: ServerResponse, messageId: string, name: string): void {
  const bytes = discord.attachment(messageId, name);
  const type = IMAGE_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
  if (!bytes) return sendJson(response, 404, { error: 'no such attachment' });
  response.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'cache-control': 'max-age=3600' });
  response.end(bytes);
}

function sendFont(response: ServerResponse, packageName: string, file: string, type: string): void {
  const root = dirname(fileURLToPath(import.meta.resolve(`${packageName}/package.json`)));
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, file));
  } catch {
    return sendJson(response, 404, { error: 'no such font file' });
  }
  response.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'cache-control': 'max-age=86400' });
  response.end(bytes);
}

async function readJson<T>(request: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PlaygroundRequestError('request body too large');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new PlaygroundRequestError('request body is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PlaygroundRequestError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  return parsed.data;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json', JSON.stringify(body));
}
