import type { DirectMessageContext } from '../../src/framework/command.js';
import { UserFacingError } from '../../src/core/user-facing-error.js';
import { connectedMessage } from '../../src/render/token.js';
import { looksLikeToken } from '../../src/tokens/token-format.js';
import { verifyAndStoreToken } from '../../src/access/token-setup.js';

/** A token pasted as a plain message in the bot's DM channel works like the form. */
export async function tokenFromDirectMessage(ctx: DirectMessageContext): Promise<boolean> {
  const { message } = ctx;
  if (!looksLikeToken(message.content)) {
    await ctx.reply({
      content:
        'Hi! To connect your PluralKit system, paste your token here (get it with `pk;token`) or run `/token set`. Every command also works in this DM; `/help` lists them.',
    });
    return true;
  }
  try {
    const system = await verifyAndStoreToken(ctx.services, message.author.id, message.content);
    ctx.log.info({ systemId: system.id }, 'token stored from a DM message');
    await ctx.reply({
      content: `${connectedMessage(system)}\nYou can delete your message with the token now; it is no longer needed in this chat.`,
    });
  } catch (error) {
    const text = error instanceof UserFacingError ? error.message : 'The token could not be checked, so it was not saved. Please try again.';
    if (!(error instanceof UserFacingError)) ctx.log.error({ err: error }, 'token paste failed');
    await ctx.reply({ content: `❌ ${text}` });
  }
  return true;
}
