import type { CommandModule, HelpContext, HelpSection } from '../src/framework/command.js';
import { defineCommand, subcommand } from '../src/framework/command-table.js';
import { choice } from '../src/framework/fields.js';
import { renderHelpDetail, renderHelpOverview } from '../src/render/help.js';

function sections(registry: () => readonly CommandModule[], context: HelpContext): HelpSection[] {
  return registry().flatMap((module) => (module.help ? [module.help(context)] : []));
}

/** /help is generated from the registry's tables, so it can never fall out of date. */
export function createHelpCommand(registry: () => readonly CommandModule[], commandNames: readonly string[]): CommandModule {
  return defineCommand({
    name: 'help',
    description: 'What Switchboard does, how to set it up, and every command',
    run: subcommand({
      description: 'What Switchboard does, how to set it up, and every command',
      options: { command: choice({ description: 'Show every option of one command', choices: commandNames }) },
      async run(ctx, args) {
        const context: HelpContext = { interactions: ctx.services.config.interactions };
        const all = sections(registry, context);
        const chosen = args.command === undefined ? undefined : all.find((section) => section.command === args.command);
        await ctx.reply.send({ embeds: [chosen ? renderHelpDetail(chosen) : renderHelpOverview(all, context)] });
      },
    }),
  });
}
