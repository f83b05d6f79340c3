/** Every error code PluralKit's API can answer with (reference §4.2), including undocumented ones. */
export const PkErrorCode = {
  /** Generic errors: bad JSON, empty PATCH, 401, 403, 429, 500 … (the HTTP status tells them apart). */
  Generic: 0,
  SystemNotFound: 20001,
  MemberNotFound: 20002,
  /** A member ref inside a body (bulk ops, switches) was not found; the message names the ref. */
  MemberRefNotFound: 20003,
  GroupNotFound: 20004,
  /** A group ref inside a body (member-groups remove/overwrite) was not found; the message names the ref. */
  GroupRefNotFound: 20005,
  MessageNotFound: 20006,
  SwitchNotFound: 20007,
  /** Switch missing, of another system, or front history private to the caller. */
  SwitchNotFoundOrPrivate: 20008,
  SystemGuildSettingsNotFound: 20009,
  MemberGuildSettingsNotFound: 20010,
  MemberListPrivate: 30001,
  GroupListPrivate: 30002,
  GroupMemberListPrivate: 30003,
  FrontPrivate: 30004,
  FrontHistoryPrivate: 30005,
  NotOwnMember: 30006,
  NotOwnGroup: 30007,
  MemberRefNotOwn: 30008,
  GroupRefNotOwn: 30009,
  JsonModelInvalid: 40001,
  MissingAutoproxyMember: 40002,
  DuplicateMembers: 40003,
  SameSwitchMembers: 40004,
  SwitchTimestampExists: 40005,
  InvalidSwitchId: 40006,
  MemberLimitReached: 40007,
  GroupLimitReached: 40008,
  LatchAutoproxyMemberPatch: 40009,
  Unimplemented: 50001,
} as const;

export type PkErrorCodeValue = (typeof PkErrorCode)[keyof typeof PkErrorCode];

/**
 * - `api`: PluralKit answered with an error status (see `status` and `code`).
 * - `invalid-request`: refused before sending; the message names the field.
 * - `network`: the connection failed.
 * - `timeout`: PluralKit did not answer in time.
 * - `rate-limited`: not done because of rate limits — held back by our own limiter past the
 *   call's deadline (`status` null) or answered 429 by PluralKit past its deadline or retries
 *   (`status` 429). `retryAfterMs` says when trying again makes sense.
 * - `malformed-response`: PluralKit answered 2xx with a body we cannot read.
 * - `aborted`: the caller's signal fired.
 */
export type PluralKitErrorKind = 'api' | 'invalid-request' | 'network' | 'timeout' | 'rate-limited' | 'malformed-response' | 'aborted';

/**
 * Whether the failed request can have had an effect on PluralKit's side — what a caller needs
 * to know before telling a user to repeat a write.
 * - `not-sent`: certainly not applied: refused before sending, by our limiter, with a 429 (the
 *   server's limiter answers before any handler), or the connection was never established.
 * - `unknown`: may have been applied: a timeout or a connection lost after sending, a 5xx, a
 *   2xx whose body we could not read, an abort while the request was on the wire.
 * - `rejected`: PluralKit answered with a definite refusal (4xx other than 429); nothing changed.
 */
export type RequestOutcome = 'not-sent' | 'unknown' | 'rejected';

export interface FieldError {
  message: string;
  max_length?: number;
  actual_length?: number;
}

export type FieldErrors = Record<string, FieldError[]>;

export interface PluralKitErrorInit {
  kind: PluralKitErrorKind;
  message: string;
  method: string;
  /** Path template such as `/members/{memberRef}`; never contains a token. */
  route: string;
  status?: number | null;
  code?: number | null;
  fieldErrors?: FieldErrors;
  retryAfterMs?: number | null;
  /** Default: derived from kind and status (see `defaultOutcome`); the transport sets it exactly. */
  outcome?: RequestOutcome;
  cause?: unknown;
}

/** The conservative reading of an error when whoever raised it did not say. */
export function defaultOutcome(init: Pick<PluralKitErrorInit, 'kind' | 'status' | 'code'>): RequestOutcome {
  switch (init.kind) {
    case 'invalid-request':
    case 'rate-limited':
      return 'not-sent';
    case 'api': {
      const status = init.status ?? 0;
      if (status === 429) return 'not-sent';
      if (status >= 400 && status < 500) return 'rejected';
      // A coded 501 ("Unimplemented") is a definite refusal; any other 5xx may come after the handler ran.
      if (status === 501 && init.code === PkErrorCode.Unimplemented) return 'rejected';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

export class PluralKitError extends Error {
  override readonly name = 'PluralKitError';
  readonly kind: PluralKitErrorKind;
  readonly status: number | null;
  readonly code: number | null;
  readonly fieldErrors: FieldErrors;
  readonly retryAfterMs: number | null;
  readonly outcome: RequestOutcome;
  readonly method: string;
  readonly route: string;

  constructor(init: PluralKitErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.outcome = init.outcome ?? defaultOutcome(init);
    this.method = init.method;
    this.route = init.route;
  }
}

export function isPluralKitError(error: unknown): error is PluralKitError {
  return error instanceof PluralKitError;
}

export function hasCode(error: unknown, code: number): error is PluralKitError {
  return error instanceof PluralKitError && error.code === code;
}

/** True when a failed request may have been applied by PluralKit: check before repeating a write. */
export function mayHaveBeenApplied(error: unknown): boolean {
  return error instanceof PluralKitError && error.outcome === 'unknown';
}

/** Whole seconds to wait after a 429 or a rate-limit hold, at least 1. */
export function retryAfterSeconds(error: PluralKitError): number {
  return Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
}

export function hasStatus(error: unknown, status: number): error is PluralKitError {
  return error instanceof PluralKitError && error.status === status;
}

/** Flattens field errors into readable lines, e.g. "name: Field name is too long. (120/100)". */
export function describeFieldErrors(fieldErrors: FieldErrors): string[] {
  return Object.entries(fieldErrors).flatMap(([field, problems]) =>
    problems.map((problem) => {
      const lengths =
        problem.actual_length !== undefined && problem.max_length !== undefined
          ? ` (${problem.actual_length}/${problem.max_length})`
          : '';
      return `${field}: ${problem.message}${lengths}`;
    }),
  );
}
