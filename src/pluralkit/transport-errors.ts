import { z } from 'zod';
import { PluralKitError, type FieldErrors, type PluralKitErrorInit, type PluralKitErrorKind, type RequestOutcome } from './errors.js';

/*
 * Typed failures for one PluralKit exchange. Everything that came from PluralKit (messages, field
 * errors and their keys) is scrubbed of the caller's token before it goes into an error, because
 * errors are logged and shown; a server (or a proxy in front of it) may echo what it was sent.
 */

/** Connection never established: the server cannot have seen the request. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

const ErrorBodySchema = z.object({
  message: z.string().optional(),
  code: z.number().int().optional(),
  retry_after: z.number().optional(),
  errors: z
    .record(
      z.string(),
      z.array(z.object({ message: z.string(), max_length: z.number().optional(), actual_length: z.number().optional() })),
    )
    .optional(),
});

export interface FailedCall {
  method: string;
  route: string;
}

/** The token as it could appear in text: raw, or percent-encoded as in a URL. */
export function scrub(text: string, token: string | undefined): string {
  if (!token) return text;
  let clean = text.split(token).join('[token]');
  const encoded = encodeURIComponent(token);
  if (encoded !== token) clean = clean.split(encoded).join('[token]');
  return clean;
}

function scrubFieldErrors(fieldErrors: FieldErrors, token: string | undefined): FieldErrors {
  if (!token) return fieldErrors;
  const clean: FieldErrors = {};
  for (const [field, problems] of Object.entries(fieldErrors)) {
    clean[scrub(field, token)] = problems.map((problem) => ({ ...problem, message: scrub(problem.message, token) }));
  }
  return clean;
}

export function failure(
  call: FailedCall,
  token: string | undefined,
  kind: PluralKitErrorKind,
  message: string,
  extra: Partial<PluralKitErrorInit> = {},
): PluralKitError {
  return new PluralKitError({
    ...extra,
    kind,
    message: scrub(message, token),
    method: call.method,
    route: call.route,
    fieldErrors: extra.fieldErrors ? scrubFieldErrors(extra.fieldErrors, token) : undefined,
  });
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}

export function neverSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export function isTimeoutCode(code: string | undefined): boolean {
  return code !== undefined && TIMEOUT_CODES.has(code);
}

/** A response with an error status, as a typed error with PluralKit's code, field errors and retry_after. */
export function apiError(call: FailedCall, token: string | undefined, status: number, text: string): PluralKitError {
  let parsed: z.infer<typeof ErrorBodySchema> = {};
  if (text !== '') {
    try {
      const result = ErrorBodySchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // Framework errors (415, 405, missing UA) may be empty or not PluralKit-shaped.
    }
  }
  const code = parsed.code ?? null;
  let outcome: RequestOutcome;
  if (status === 429) outcome = 'not-sent';
  else if (status < 500 || (status === 501 && code === 50001)) outcome = 'rejected';
  else outcome = 'unknown';
  return failure(call, token, 'api', parsed.message ?? `PluralKit answered HTTP ${status} to ${call.method} ${call.route}`, {
    status,
    code,
    fieldErrors: parsed.errors ?? {},
    retryAfterMs: status === 429 ? (parsed.retry_after ?? null) : null,
    outcome,
  });
}
