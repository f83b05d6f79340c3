import { randomBytes } from 'node:crypto';
import type { InitialResponse } from '../../interaction/callbacks.js';
import { callbackBody, callbackFiles } from '../discord-rest.js';

export interface EncodedResponse {
  contentType: string;
  body: Buffer;
}

/**
 * A first response as the body of Discord's POST: JSON, or multipart/form-data (`payload_json`
 * plus `files[n]`) when files travel with it, as Discord accepts on its callback route.
 */
export function encodeInlineResponse(response: InitialResponse): EncodedResponse {
  const json = JSON.stringify(callbackBody(response));
  const files = callbackFiles(response);
  if (files.length === 0) return { contentType: 'application/json', body: Buffer.from(json, 'utf8') };
  const boundary = `switchboard-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload_json"\r\nContent-Type: application/json\r\n\r\n${json}\r\n`, 'utf8'),
  ];
  files.forEach((file, index) => {
    const name = file.name.replace(/["\r\n\\]/g, '_');
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files[${index}]"; filename="${name}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'),
      Buffer.from(file.data as Buffer),
      Buffer.from('\r\n', 'utf8'),
    );
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
