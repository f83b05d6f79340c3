import { defineCommand, subcommand } from '../src/framework/command-table.js';
import { renderFronters } from '../src/render/fronters.js';

export const frontersCommand = defineCommand({
  name: 'fronters',
  description: 'Who is fronting right now',
  run: subcommand({
    description: 'Who is fronting right now',
    visibility: 'target',
    async run(ctx) {
      const { target } = ctx;
      const fronters = await ctx.services.pluralkit.getFronters(target.systemRef, target.token ? { token: target.token } : {});
      await ctx.reply.send({ embeds: [renderFronters(fronters, { systemLabel: target.label })] });
    },
  }),
});
