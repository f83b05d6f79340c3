import { describe, expect, it } from 'vitest';
import { describeError, MAY_HAVE_BEEN_SAVED, TOKEN_MISSING_MESSAGE, TOKEN_REVOKED_MESSAGE } from '../../src/render/errors.js';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { PkErrorCode, PluralKitError, type PluralKitErrorKind } from '../../src/pluralkit/errors.js';

function pkError(status: number | null, code: number | null, message = 'server message', kind: PluralKitErrorKind = 'api', extra: Partial<ConstructorParameters<typeof PluralKitError>[0]> = {}): PluralKitError {
  return new PluralKitError({ kind, message, method: 'GET', route: '/x', status, code, ...extra });
}

const withToken = { hasStoredToken: true };
const withoutToken = { hasStoredToken: false };

describe('describeError', () => {
  it.each([
    [404, PkErrorCode.SystemNotFound, /system was not found/],
    [404, PkErrorCode.MemberNotFound, /member was not found/],
    [404, PkErrorCode.GroupNotFound, /group was not found/],
    [404, PkErrorCode.MessageNotFound, /no record of that message/],
    [404, PkErrorCode.SwitchNotFound, /switch was not found/],
    [403, PkErrorCode.MemberListPrivate, /member list private/],
    [403, PkErrorCode.GroupListPrivate, /group list private/],
    [403, PkErrorCode.GroupMemberListPrivate, /group keeps its member list private/],
    [403, PkErrorCode.FrontPrivate, /current fronters private/],
    [403, PkErrorCode.FrontHistoryPrivate, /front history private/],
    [403, PkErrorCode.NotOwnMember, /not part of your system/],
    [400, PkErrorCode.DuplicateMembers, /more than once/],
    [400, PkErrorCode.SameSwitchMembers, /already fronting/],
    [400, PkErrorCode.SwitchTimestampExists, /already a switch at exactly that time/],
    [400, PkErrorCode.MemberLimitReached, /member limit/],
    [400, PkErrorCode.GroupLimitReached, /group limit/],
  ])('gives HTTP %i code %i a specific message', (status, code, message) => {
    expect(describeError(pkError(status, code), withToken)).toMatch(message);
  });

  it('keeps the server text where it names the entity', () => {
    expect(describeError(pkError(404, PkErrorCode.MemberRefNotFound, "Member 'zzzzz' not found."), withToken)).toBe("Member 'zzzzz' not found.");
  });

  it('lists field errors with the limit', () => {
    const error = pkError(400, PkErrorCode.JsonModelInvalid, 'Error parsing JSON model', 'api', {
      fieldErrors: { name: [{ message: 'Field name is too long.', actual_length: 120, max_length: 100 }], color: [{ message: 'Field color is invalid.' }] },
    });
    const text = describeError(error, withToken);
    expect(text).toContain('`name` is too long (120/100 characters)');
    expect(text).toContain('`color`: Field color is invalid.');
  });

  it('tells a 401 apart for users with and without a stored token', () => {
    expect(describeError(pkError(401, 0), withToken)).toBe(TOKEN_REVOKED_MESSAGE);
    expect(describeError(pkError(401, 0), withoutToken)).toBe(TOKEN_MISSING_MESSAGE);
  });

  it('gives rate limits a wait time, whatever the error kind', () => {
    expect(describeError(pkError(429, 0, 'x', 'api', { retryAfterMs: 1500 }), withToken)).toMatch(/try again in 2 s/);
    expect(describeError(pkError(429, 0, 'x', 'timeout', { retryAfterMs: 20_000 }), withToken)).toMatch(/try again in 20 s/);
  });

  it('tells a hold-back by our own rate limiter apart from a timeout, with the real wait', () => {
    const held = pkError(null, null, 'held back', 'rate-limited', { retryAfterMs: 4_200, outcome: 'not-sent' });
    const text = describeError(held, withToken);
    expect(text).toMatch(/PluralKit is busy right now.*try again in 5 s/);
    expect(text).not.toMatch(/took too long|could not be reached/);
    expect(describeError(pkError(429, 0, 'x', 'rate-limited', { retryAfterMs: 20_000 }), withToken)).toMatch(/try again in 20 s/);
  });

  it.each([
    ['timeout', 'POST', /did not confirm the change in time/],
    ['network', 'PATCH', /connection to PluralKit broke before it confirmed/],
    ['api', 'DELETE', /HTTP 500/],
    ['malformed-response', 'POST', /could not read/],
  ] as const)('says a %s write may have been saved instead of inviting a blind retry', (kind, method, message) => {
    const error = new PluralKitError({ kind, message: 'detail', method, route: '/systems/{systemRef}/switches', status: kind === 'api' ? 500 : null, outcome: 'unknown' });
    const text = describeError(error, withToken);
    expect(text).toMatch(message);
    expect(text).toContain(MAY_HAVE_BEEN_SAVED);
  });

  it('invites a plain retry when a write certainly was not applied, or for reads', () => {
    const notSent = new PluralKitError({ kind: 'network', message: 'refused', method: 'POST', route: '/x', outcome: 'not-sent' });
    expect(describeError(notSent, withToken)).toMatch(/could not be reached/);
    expect(describeError(pkError(null, null, 'slow', 'timeout'), withToken)).not.toContain(MAY_HAVE_BEEN_SAVED);
  });

  it.each([
    ['network', /could not be reached/],
    ['timeout', /took too long/],
    ['aborted', /took too long/],
    ['malformed-response', /could not read/],
  ] as const)('explains %s failures', (kind, message) => {
    expect(describeError(pkError(null, null, 'detail', kind), withToken)).toMatch(message);
  });

  it('passes invalid-request and user-facing messages through, and hides internal errors', () => {
    expect(describeError(pkError(null, null, 'name is too long (120/100 characters)', 'invalid-request'), withToken)).toBe('name is too long (120/100 characters)');
    expect(describeError(new UserFacingError('Pick a member.'), withToken)).toBe('Pick a member.');
    const internal = describeError(new Error('SQLITE_BUSY at /secret/path'), withToken);
    expect(internal).not.toContain('SQLITE');
    expect(internal).toMatch(/went wrong on our side/);
    expect(describeError(pkError(503, 0), withToken)).toMatch(/HTTP 503/);
  });
});
