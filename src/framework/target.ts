import { readVisibility } from '../core/visibility.js';
import { resolveReadTarget, type ReadTarget } from '../access/read-target.js';
import { answersOnlyMe } from '../access/reply-preference.js';
import type { CommandContext } from './command.js';
import { flag, text, user } from './fields.js';

const PRIVATE_FIELD = flag({ description: 'Show your own private data, only to you' });
const ONLY_ME_FIELD = flag({ description: 'Answer only to you (the public view unless private); default: your /preferences' });

/** `[user] [system] [private]`: the same three options on every read command. */
export const TARGET_FIELDS = {
  user: user({ description: 'Look up the system linked to this Discord account' }),
  system: text({ description: 'A system ID (abcdef or abc-def) or UUID', max: 64 }),
  private: PRIVATE_FIELD,
  only_me: ONLY_ME_FIELD,
};

/** `[private]` alone, for reads that name their subject in their own options (`/member view member`). */
export const READ_FIELDS = { private: PRIVATE_FIELD, only_me: ONLY_ME_FIELD };

export interface TargetArgs {
  user?: string;
  system?: string;
  private?: boolean;
  only_me?: boolean;
}

/** Which system a read looks at and who sees the reply; sets the reply's visibility. */
export async function applyReadTarget(ctx: CommandContext, args: TargetArgs): Promise<ReadTarget> {
  const onlyMe = await answersOnlyMe(ctx.services, ctx.userId, args.only_me);
  const target = await resolveReadTarget(ctx.services, ctx.userId, { ...args, only_me: onlyMe });
  ctx.reply.setVisibility(target.visibility);
  return target;
}

/** Whether a `read` command asked for the owner view; sets the reply's visibility to match. */
export async function applyReadVisibility(ctx: CommandContext, args: { private?: boolean; only_me?: boolean }): Promise<boolean> {
  const privateView = args.private === true;
  ctx.reply.setVisibility(readVisibility(privateView || (await answersOnlyMe(ctx.services, ctx.userId, args.only_me))));
  return privateView;
}
