import type { IncomingMessage, ServerResponse } from 'node:http';

/** Error bodies the fake answers with, shaped like Discord's. */
export const DiscordErrors = {
  notFound: { status: 404, body: { code: 0, message: '404: Not Found' } },
  unauthorized: { status: 401, body: { code: 0, message: '401: Unauthorized' } },
  missingAccess: { status: 403, body: { code: 50001, message: 'Missing Access' } },
  missingPermissions: { status: 403, body: { code: 50013, message: 'Missing Permissions' } },
  unknownGuild: { status: 404, body: { code: 10004, message: 'Unknown Guild' } },
  unknownMember: { status: 404, body: { code: 10007, message: 'Unknown Member' } },
  unknownInteraction: { status: 404, body: { code: 10062, message: 'Unknown interaction' } },
  alreadyAcknowledged: { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } },
  unknownWebhook: { status: 404, body: { code: 10015, message: 'Unknown Webhook' } },
  invalidWebhookToken: { status: 401, body: { code: 50027, message: 'Invalid Webhook Token' } },
  unknownMessage: { status: 404, body: { code: 10008, message: 'Unknown Message' } },
  unknownChannel: { status: 404, body: { code: 10003, message: 'Unknown Channel' } },
  cannotDmUser: { status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } },
  invalidJson: { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } },
} as const;

export interface DiscordError {
  status: number;
  body: { code: number; message: string; errors?: unknown };
}

export function invalidFormBody(detail: string): DiscordError {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { _errors: [{ code: 'BASE_TYPE_INVALID', message: detail }] } } };
}

export interface ParsedBody {
  body: unknown;
  files: string[];
  /** The uploaded files' bytes, in the order of `files`. */
  uploads: Array<{ name: string; bytes: Buffer }>;
}

export class UnparsableBodyError extends Error {}

export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [], uploads: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return readMultipart(raw, contentType);
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [], uploads: [] };
  } catch {
    throw new UnparsableBodyError('body is not JSON');
  }
}

/** Multipart (payload_json + files[n]), as Discord takes a message with attachments, in a request or an inline answer. */
export async function readMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: string[] = [];
  const uploads: ParsedBody['uploads'] = [];
  let body: unknown;
  for (const [key, value] of form.entries()) {
    if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
    else if (typeof value !== 'string') {
      files.push(value.name);
      uploads.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return { body, files, uploads };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendNoContent(response: ServerResponse): void {
  response.writeHead(204);
  response.end();
}
