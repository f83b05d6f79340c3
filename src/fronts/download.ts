import { Refusal, refuse } from '../core/refusal.js';

/** An attachment as Discord resolved it for the interaction: the only file an import downloads. */
export interface AttachmentRef {
  url: string;
  /** The size Discord reports; the download stops past the cap whatever it says. */
  size: number;
}

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** How long an export file may take to come from Discord's CDN. */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * The attachment's bytes, at most `maxBytes`: refused before asking when Discord says it is
 * bigger, and cut off when more arrives than that; the whole download within `timeoutMs`. No
 * redirect is followed, so nothing but the URL Discord gave is ever fetched.
 */
export async function downloadAttachment(file: AttachmentRef, limits: DownloadLimits): Promise<Uint8Array> {
  if (file.size > limits.maxBytes) refuse('import.file-too-large', { bytes: file.size, maxBytes: limits.maxBytes });
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const failed = (): never => refuse('import.download-failed', { reason: signal.aborted ? 'timeout' : 'unreachable', status: null });
  let response: Response;
  try {
    response = await fetch(file.url, { signal, redirect: 'error' });
  } catch {
    return failed();
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    refuse('import.download-failed', { reason: 'status', status: response.status });
  }
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        refuse('import.file-too-large', { bytes, maxBytes: limits.maxBytes });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    return failed();
  }
  return Buffer.concat(chunks);
}
