import { subcommand } from '../../src/framework/command-table.js';
import { renderAutoproxyStatus } from '../../src/render/autoproxy.js';

export const viewAutoproxy = subcommand({
  description: 'Your autoproxy in this server: mode, member, last latch',
  needs: { token: true, server: true },
  async run(ctx) {
    const [settings, members] = await Promise.all([
      ctx.services.pluralkit.getAutoproxySettings('@me', ctx.guildId, { token: ctx.auth.token }),
      ctx.services.directory.ownMembers(ctx.userId, ctx.auth),
    ]);
    await ctx.reply.send({ embeds: [renderAutoproxyStatus(settings, members)] });
  },
});
