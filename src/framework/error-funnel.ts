import { Refusal } from '../core/refusal.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { visibilityFor } from '../core/visibility.js';
import { PluralKitError } from '../pluralkit/errors.js';
import type { CommandContext } from './command.js';
import { describeError } from '../render/errors.js';
import type { ReplyMessage } from '../interaction/message.js';

export type FailureKind = 'user-error' | 'error';

/**
 * How loudly a failure is logged: refusals the user is told about in specific words (bad input,
 * PluralKit's 4xx answers, a busy or unreachable PluralKit) are not our faults and carry no stack;
 * everything else is an error with its stack.
 */
function logFailure(ctx: CommandContext, error: unknown): FailureKind {
  if (error instanceof UserFacingError || error instanceof Refusal) {
    ctx.log.info({ reason: error.message }, 'refused with a user-facing error');
    return 'user-error';
  }
  if (error instanceof PluralKitError) {
    const detail = { kind: error.kind, status: error.status, code: error.code, route: error.route, method: error.method, reason: error.message };
    if (error.kind === 'invalid-request' || (error.kind === 'api' && error.status !== null && error.status < 500)) {
      ctx.log.info(detail, 'PluralKit refused the request');
      return 'user-error';
    }
    if (error.kind !== 'malformed-response') {
      ctx.log.warn(detail, 'PluralKit was unavailable');
      return 'user-error';
    }
  }
  ctx.log.error({ err: error }, 'interaction failed');
  return 'error';
}

/**
 * The one error funnel: log the detail at the right level, then tell the user in specific words,
 * privately (or in place of a prompt that a flow owns). `extra` adds components (e.g. "Edit again").
 */
export async function reportFailure(ctx: CommandContext, error: unknown, extra: Pick<ReplyMessage, 'components'> = {}): Promise<FailureKind> {
  const kind = logFailure(ctx, error);
  // Only a 401 uses it; a store that cannot answer must not keep the user from hearing what failed.
  const hasStoredToken = await ctx.services.tokens.has(ctx.userId).catch(() => false);
  ctx.reply.setVisibility(visibilityFor({ kind: 'error' }));
  try {
    await ctx.reply.sendError({ content: `❌ ${describeError(error, { hasStoredToken })}`, ...extra });
  } catch (replyError) {
    ctx.log.error({ err: replyError }, 'could not tell the user about the failure');
  }
  return kind;
}
