import { ApplicationCommandType } from 'discord.js';
import type { CommandModule } from '../src/discord/command.js';
import { EVERYWHERE } from '../src/discord/contexts.js';
import { collectOptions, parseOptions } from '../src/discord/options.js';
import { renderFronters } from '../src/render/fronters.js';
import { resolveReadTarget } from '../src/session/read-target.js';
import { TARGET_OPTIONS, TargetOptionsSchema } from '../src/discord/target-options.js';

export const frontersCommand: CommandModule = {
  name: 'fronters',
  definitions: [
    {
      type: ApplicationCommandType.ChatInput,
      name: 'fronters',
      description: 'Who is fronting right now',
      ...EVERYWHERE,
      options: [...TARGET_OPTIONS],
    },
  ],

  async chatInput(ctx, interaction) {
    const options = parseOptions(TargetOptionsSchema, collectOptions(interaction).values);
    const target = resolveReadTarget(ctx.services, ctx.userId, options);
    ctx.reply.setVisibility(target.visibility);
    const fronters = await ctx.services.pluralkit.getFronters(target.systemRef, target.token ? { token: target.token } : {});
    await ctx.reply.send({ embeds: [renderFronters(fronters, { now: new Date(), systemLabel: target.label })] });
  },
};

