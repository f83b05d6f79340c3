import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export class BodyTimeoutError extends Error {
  override name = 'BodyTimeoutError';
}

/**
 * The raw body bytes (signatures are over bytes, not parsed JSON), refused past `maxBytes` or
 * when the client takes longer than `timeoutMs` to send it (a slow sender must not hold a socket).
 */
export function readRawBody(request: IncomingMessage, options: { maxBytes: number; timeoutMs: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      reject(new BodyTooLargeError(`body of ${declared} bytes is over ${options.maxBytes}`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      reject(new BodyTimeoutError(`body not received within ${options.timeoutMs} ms`));
      request.destroy();
    }, options.timeoutMs);
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > options.maxBytes) {
        cleanup();
        reject(new BodyTooLargeError(`body over ${options.maxBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
