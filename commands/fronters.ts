import { defineCommand, subcommand } from '../src/framework/command-table.js';
import { renderFronters } from '../src/render/fronters.js';
import { systemHeadingName } from '../src/render/system.js';

export const frontersCommand = defineCommand({
  name: 'fronters',
  description: 'Who is fronting right now',
  run: subcommand({
    description: 'Who is fronting right now',
    visibility: 'target',
    async run(ctx) {
      const { target } = ctx;
      const [fronters, system] = await Promise.all([ctx.services.pluralkit.getFronters(target.systemRef, target.token ? { token: target.token } : {}), target.naming()]);
      await ctx.reply.send({ embeds: [renderFronters(fronters, { systemLabel: systemHeadingName(system) })] });
    },
  }),
});
