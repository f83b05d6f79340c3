import { UserFacingError } from '../core/user-facing-error.js';
import { SERVER_ONLY_TEXT } from '../render/flows.js';
import { requireToken } from '../access/read-target.js';
import type { CommandContext } from './command.js';
import type { HandlerContext, Needs } from './context.js';

/** The command a flow belongs to, from its `<command>.<name>` id. */
export function flowCommand(id: string): string {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) throw new Error(`flow id must be <command>.<name>: ${id}`);
  return id.slice(0, dot);
}


/**
 * A flow may be opened only by a command that routes it (a subcommand declares it in `flows`):
 * otherwise its buttons would fail later, when pressed, so this fails now, when it is opened.
 */
export function assertDeclared(ctx: CommandContext, flowId: string): void {
  if (!ctx.flows.has(flowId)) throw new Error(`flow ${flowId} was opened, but the command's subcommands do not declare it in \`flows\``);
}

/** Checks what a handler needs and hands it the narrowed context; a handler never fetches auth itself. */
export async function prepareContext<N extends Needs>(ctx: CommandContext, needs: N): Promise<HandlerContext<N, 'ephemeral'>> {
  if (needs.server && !ctx.guildId) throw new UserFacingError(SERVER_ONLY_TEXT);
  const prepared: CommandContext & { auth?: unknown } = { ...ctx };
  if (needs.token) prepared.auth = await requireToken(ctx.services, ctx.userId, needs.token === 'to-show' ? 'show' : 'change');
  return prepared as HandlerContext<N, 'ephemeral'>;
}

/**
 * Flow bookkeeping after the work itself ran (marking a prompt answered, giving a form back):
 * a storage failure here is logged, not shown, since what the user asked for already happened
 * or was already refused. A claim left unfinished lapses and is re-read by the next press.
 */
export async function settleFlow(ctx: CommandContext, bookkeeping: Promise<unknown>): Promise<void> {
  try {
    await bookkeeping;
  } catch (error) {
    ctx.log.error({ err: error }, 'could not record the outcome of a prompt or form');
  }
}
