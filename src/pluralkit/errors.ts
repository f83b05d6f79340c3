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

export type PluralKitErrorKind = 'api' | 'invalid-request' | 'network' | 'timeout' | 'malformed-response' | 'aborted';

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
  cause?: unknown;
}

export class PluralKitError extends Error {
  override readonly name = 'PluralKitError';
  readonly kind: PluralKitErrorKind;
  readonly status: number | null;
  readonly code: number | null;
  readonly fieldErrors: FieldErrors;
  readonly retryAfterMs: number | null;
  readonly method: string;
  readonly route: string;

  constructor(init: PluralKitErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
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

/** Whole seconds to wait after a 429, at least 1. */
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
