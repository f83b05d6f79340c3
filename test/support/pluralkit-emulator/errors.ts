/**
 * Every error response the emulator can produce, with PluralKit's exact messages (reference §4.2).
 * Handlers throw ApiError; the server turns it into a response.
 */

export interface FieldError {
  message: string;
  actual_length?: number;
  max_length?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** undefined = empty body (framework-level errors such as 404 unmatched route, 405, missing UA). */
    readonly body: unknown,
    readonly contentType = 'application/json',
  ) {
    super(typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${status}`);
  }
}

function pk(status: number, code: number, message: string): ApiError {
  return new ApiError(status, { message, code });
}

export const errors = {
  badRequest: () => pk(400, 0, '400: Bad Request'),
  invalidPathForVersion: () => pk(400, 0, 'Invalid path for API version'),
  unsupportedVersion: () => pk(400, 0, 'Unsupported API version'),
  goneVersion: () => pk(410, 0, 'Unsupported API version'),
  unauthorized: () => pk(401, 0, '401: Missing or invalid Authorization header'),
  forbidden: () => pk(403, 0, '403: Missing permissions to access this resource'),
  internal: () => pk(500, 0, '500: Internal Server Error'),
  emptyBadRequest: () => new ApiError(400, undefined),
  routeNotFound: () => new ApiError(404, undefined),
  methodNotAllowed: () => new ApiError(405, undefined),
  unsupportedMediaType: () =>
    new ApiError(
      415,
      {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
        title: 'Unsupported Media Type',
        status: 415,
      },
      'application/problem+json; charset=utf-8',
    ),
  systemNotFound: () => pk(404, 20001, 'System not found.'),
  memberNotFound: () => pk(404, 20002, 'Member not found.'),
  memberRefNotFound: (ref: string) => pk(404, 20003, `Member '${ref}' not found.`),
  groupNotFound: () => pk(404, 20004, 'Group not found.'),
  groupRefNotFound: (ref: string) => pk(404, 20005, `Group '${ref}' not found.`),
  messageNotFound: () => pk(404, 20006, 'Message not found.'),
  switchNotFound: () => pk(404, 20007, 'Switch not found.'),
  switchNotFoundOrPrivate: () =>
    pk(404, 20008, 'Switch not found, switch associated with different system, or unauthorized to view front history.'),
  systemGuildNotFound: () => pk(404, 20009, 'No system guild settings found for target guild.'),
  memberGuildNotFound: () => pk(404, 20010, 'No member guild settings found for target guild.'),
  memberListPrivate: () => pk(403, 30001, 'Unauthorized to view member list'),
  groupListPrivate: () => pk(403, 30002, 'Unauthorized to view group list'),
  groupMemberListPrivate: () => pk(403, 30003, 'Unauthorized to view group member list'),
  frontersPrivate: () => pk(403, 30004, 'Unauthorized to view current fronters.'),
  frontHistoryPrivate: () => pk(403, 30005, 'Unauthorized to view front history.'),
  notOwnMember: () => pk(403, 30006, 'Target member is not part of your system.'),
  notOwnGroup: () => pk(403, 30007, 'Target group is not part of your system.'),
  memberRefNotOwn: (ref: string) => pk(403, 30008, `Member '${ref}' is not part of your system.`),
  duplicateMembers: () => pk(400, 40003, 'Duplicate members in member list.'),
  sameFronters: () => pk(400, 40004, 'Member list identical to current fronter list.'),
  switchTimestampExists: () => pk(400, 40005, 'Switch with provided timestamp already exists.'),
  memberLimit: () => pk(400, 40007, 'Member limit reached.'),
  groupLimit: () => pk(400, 40008, 'Group limit reached.'),
  unimplemented: () => pk(501, 50001, 'Unimplemented'),
  validation: (fields: Record<string, FieldError[]>) =>
    new ApiError(400, { message: 'Error parsing JSON model', code: 40001, errors: fields }),
};

export function tooManyRequests(retryAfterMs: number, scope: string): ApiError {
  return new ApiError(429, { message: '429: too many requests', retry_after: retryAfterMs, scope, code: 0 });
}
