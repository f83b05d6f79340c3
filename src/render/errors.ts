import { PkErrorCode, PluralKitError, retryAfterSeconds } from '../pluralkit/errors.js';
import { Refusal } from '../core/refusal.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { describeRefusal } from './refusals.js';
import { describeCorruptRecord, describeStorageFault } from './storage.js';
import { CorruptRecordError, StorageError } from '../stores/storage-errors.js';

export const RESTARTING_TEXT = '⏳ Switchboard is restarting. Please try again in a few seconds.';
export const UNKNOWN_COMMAND_TEXT = 'That command is not available any more. Please try again.';
export const NOTHING_TO_SAY_TEXT = '❌ Switchboard had nothing to say to that. Please try again.';

const CODE_MESSAGES: Record<number, string> = {
  [PkErrorCode.SystemNotFound]: 'That system was not found on PluralKit (no system has that ID, or that account has no system linked).',
  [PkErrorCode.MemberNotFound]: 'That member was not found on PluralKit.',
  [PkErrorCode.GroupNotFound]: 'That group was not found on PluralKit.',
  [PkErrorCode.MessageNotFound]: 'PluralKit has no record of that message.',
  [PkErrorCode.SwitchNotFound]: 'That switch was not found.',
  [PkErrorCode.SwitchNotFoundOrPrivate]: 'That switch was not found, or the system keeps its front history private.',
  [PkErrorCode.SystemGuildSettingsNotFound]: 'Your system has no settings for this server yet. Proxy a message here once, or change a server setting with PluralKit first.',
  [PkErrorCode.MemberGuildSettingsNotFound]: 'That member has no settings for this server yet.',
  [PkErrorCode.MemberListPrivate]: 'That system keeps its member list private.',
  [PkErrorCode.GroupListPrivate]: 'That system keeps its group list private.',
  [PkErrorCode.GroupMemberListPrivate]: 'That group keeps its member list private.',
  [PkErrorCode.FrontPrivate]: 'That system keeps its current fronters private.',
  [PkErrorCode.FrontHistoryPrivate]: 'That system keeps its front history private.',
  [PkErrorCode.NotOwnMember]: 'That member is not part of your system.',
  [PkErrorCode.NotOwnGroup]: 'That group is not part of your system.',
  [PkErrorCode.DuplicateMembers]: 'The member list has the same member more than once.',
  [PkErrorCode.SameSwitchMembers]: 'Those members are already fronting.',
  [PkErrorCode.SwitchTimestampExists]: 'There is already a switch at exactly that time.',
  [PkErrorCode.MemberLimitReached]: 'Your system has reached its member limit.',
  [PkErrorCode.GroupLimitReached]: 'Your system has reached its group limit.',
  [PkErrorCode.Unimplemented]: 'PluralKit does not support that yet.',
};

function describeFieldErrors(error: PluralKitError): string {
  const lines = Object.entries(error.fieldErrors).flatMap(([field, problems]) =>
    problems.map((problem) => {
      if (problem.max_length !== undefined) {
        const actual = problem.actual_length !== undefined ? `${problem.actual_length}/` : 'at most ';
        return `• \`${field}\` is too long (${actual}${problem.max_length} characters).`;
      }
      return `• \`${field}\`: ${problem.message}`;
    }),
  );
  return lines.length > 0 ? `PluralKit rejected that:\n${lines.join('\n')}` : 'PluralKit rejected that input.';
}

export interface ErrorDescriptionContext {
  /** Whether the user has a token stored, which turns a 401 into "it stopped working". */
  hasStoredToken: boolean;
}

export const TOKEN_REVOKED_MESSAGE =
  'Your stored PluralKit token no longer works; it was probably reset with `pk;token refresh`. ' +
  'Run `/token set` to set it up again.';

export const TOKEN_MISSING_MESSAGE =
  'This needs your PluralKit token. Run `/token set` (the bot will ask for it in DMs) and try again.';

/** Said after any failure of a write that may have reached PluralKit: repeating it blindly could do it twice. */
export const MAY_HAVE_BEEN_SAVED = 'The change may have been saved anyway: check before trying again.';

/** The specific, user-facing text for any failure; the detail goes to the logs. */
export function describeError(error: unknown, context: ErrorDescriptionContext): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof Refusal) return describeRefusal(error);
  if (error instanceof StorageError) return describeStorageFault(error);
  if (error instanceof CorruptRecordError) return describeCorruptRecord(error);
  if (!(error instanceof PluralKitError)) {
    return 'Something went wrong on our side while handling that. It has been logged; please try again.';
  }
  if (error.status === 429) {
    return `PluralKit is rate-limiting requests right now. Please try again in ${retryAfterSeconds(error)} s.`;
  }
  const unconfirmedWrite = error.method !== 'GET' && error.outcome === 'unknown';
  switch (error.kind) {
    case 'invalid-request':
      return error.message;
    case 'rate-limited':
      // Held back by our own limiter: nothing was sent, and the wait is PluralKit's rate limit.
      return `PluralKit is busy right now: too many requests are waiting for its rate limit. Please try again in ${retryAfterSeconds(error)} s.`;
    case 'network':
      if (unconfirmedWrite) return `The connection to PluralKit broke before it confirmed the change. ${MAY_HAVE_BEEN_SAVED}`;
      return 'PluralKit could not be reached. It may be down; please try again in a moment.';
    case 'timeout':
    case 'aborted':
      if (unconfirmedWrite) return `PluralKit did not confirm the change in time. ${MAY_HAVE_BEEN_SAVED}`;
      return 'PluralKit took too long to answer. Please try again in a moment.';
    case 'malformed-response':
      if (unconfirmedWrite) return `PluralKit sent an answer Switchboard could not read. ${MAY_HAVE_BEEN_SAVED}`;
      return 'PluralKit sent an answer Switchboard could not read. Please try again later.';
    case 'api':
      break;
  }
  if (error.status === 401) return context.hasStoredToken ? TOKEN_REVOKED_MESSAGE : TOKEN_MISSING_MESSAGE;
  if (error.status !== null && error.status >= 500 && error.code !== PkErrorCode.Unimplemented) {
    if (unconfirmedWrite) return `PluralKit had a problem answering (HTTP ${error.status}). ${MAY_HAVE_BEEN_SAVED}`;
    return `PluralKit had a problem answering (HTTP ${error.status}). Please try again later.`;
  }
  if (error.code === PkErrorCode.JsonModelInvalid) return describeFieldErrors(error);
  // Codes whose server message names the entity (20003, 20005, 30008) are the most specific text there is.
  if (error.code === PkErrorCode.MemberRefNotFound || error.code === PkErrorCode.GroupRefNotFound || error.code === PkErrorCode.MemberRefNotOwn) {
    return error.message;
  }
  if (error.code !== null && CODE_MESSAGES[error.code]) return CODE_MESSAGES[error.code]!;
  if (error.status === 403) return 'PluralKit says you do not have access to that.';
  return `PluralKit rejected the request: ${error.message}`;
}
