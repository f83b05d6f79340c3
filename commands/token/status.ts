import { subcommand } from '../../src/framework/command-table.js';
import { TOKEN_REVOKED_MESSAGE } from '../../src/render/errors.js';
import { PluralKitError } from '../../src/pluralkit/errors.js';
import { renderTokenStatus } from '../../src/render/token.js';
import { storedTokenFor } from '../../src/access/stored-token.js';

export const tokenStatus = subcommand({
  description: 'Which system your stored token belongs to',
  async run(ctx) {
    const stored = await storedTokenFor(ctx.services, ctx.userId);
    if (!stored) {
      await ctx.reply.send({ content: 'No PluralKit token is stored for you. Run `/token set` to connect your system.' });
      return;
    }
    let systemName: string | null = null;
    let problem: string | null = null;
    try {
      const system = await ctx.services.pluralkit.getSystem('@me', { token: stored.token });
      systemName = system.name;
      await ctx.services.tokens.markVerified(ctx.userId, { id: system.id, uuid: system.uuid });
    } catch (error) {
      if (error instanceof PluralKitError && error.status === 401) {
        await ctx.reply.send({ content: `❌ ${TOKEN_REVOKED_MESSAGE}` });
        return;
      }
      ctx.log.warn({ err: error }, 'token status could not be verified');
      problem = verificationProblem(error);
    }
    const current = (await storedTokenFor(ctx.services, ctx.userId)) ?? stored;
    await ctx.reply.send({ embeds: [renderTokenStatus(current, systemName, problem)] });
  },
});

/** Why the token could not be checked just now, in honest words. */
function verificationProblem(error: unknown): string {
  if (error instanceof PluralKitError && (error.status === 429 || error.kind === 'rate-limited')) {
    return 'PluralKit is busy right now, so this is what was last confirmed.';
  }
  return 'PluralKit could not be reached just now, so this is what was last confirmed.';
}
