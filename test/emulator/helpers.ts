import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startPluralKitEmulator, type PluralKitEmulator } from '../support/pluralkit-emulator/index.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; undefined when the body is empty. */
  json: unknown;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Send this exact text as the body instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** false → no User-Agent header at all. */
  userAgent?: string | false;
  contentType?: string | false;
  /** Path is relative to the origin instead of the /v2 base. */
  absolute?: boolean;
}

/**
 * Plain HTTP calls against the emulator. undici's fetch always adds a User-Agent, so requests
 * without one go through node:http instead.
 */
export async function call(pk: PluralKitEmulator, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = options.token;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && options.contentType !== false) headers['content-type'] = options.contentType ?? 'application/json';
  if (options.userAgent === false) return callWithoutUserAgent(pk, method, path, headers, body);
  headers['user-agent'] = options.userAgent ?? 'switchboard-emulator-tests';
  const url = options.absolute ? `${pk.origin}${path}` : `${pk.url}${path}`;
  const response = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

async function callWithoutUserAgent(
  pk: PluralKitEmulator,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<ApiResponse> {
  const { request } = await import('node:http');
  const url = new URL(`${pk.url}${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') responseHeaders.set(name, value);
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text, json: text === '' ? undefined : (JSON.parse(text) as unknown) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A Discord snowflake whose embedded time is `msAgo` milliseconds in the past. */
export function snowflakeAgo(msAgo: number, increment = 0): string {
  const discordEpoch = 1420070400000n;
  return (((BigInt(Date.now() - msAgo) - discordEpoch) << 22n) + BigInt(increment)).toString();
}

/**
 * One emulator per test file (rate limits off), emptied before each test.
 * Returns a getter: the server exists only once beforeAll has run. Its
 * beforeEach is registered first, so a file's own seeding runs after the reset.
 */
export function useQuietEmulator(): () => PluralKitEmulator {
  let pk: PluralKitEmulator | undefined;
  beforeAll(async () => {
    pk = await startPluralKitEmulator({ rateLimits: false });
  });
  afterAll(async () => {
    await pk?.close();
  });
  beforeEach(() => {
    pk!.reset();
  });
  return () => pk!;
}

export function expectPkError(response: ApiResponse, status: number, code: number, message?: string): void {
  const body = response.json as { code?: unknown; message?: unknown } | undefined;
  if (response.status !== status || body?.code !== code || (message !== undefined && body.message !== message)) {
    throw new Error(`expected ${status}/${code}${message ? ` "${message}"` : ''}, got ${response.status} ${response.text}`);
  }
}
