import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandOption,
  type APIEmbedField,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandModule } from '../src/discord/command.js';
import { EVERYWHERE } from '../src/discord/contexts.js';
import { visibilityFor } from '../src/core/visibility.js';

const HELP_COLOR = 0x5865f2;

function usageLines(definition: RESTPostAPIApplicationCommandsJSONBody): string[] {
  if (definition.type === ApplicationCommandType.Message) return [`**${definition.name}** (right-click a message → Apps)`];
  if (definition.type !== ApplicationCommandType.ChatInput && definition.type !== undefined) return [];
  const describe = (prefix: string, options: readonly APIApplicationCommandOption[] | undefined, description: string): string[] => {
    const nested = (options ?? []).filter(
      (o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (nested.length === 0) {
      const args = (options ?? []).map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
      return [`\`${[prefix, args].filter(Boolean).join(' ')}\` ${description}`];
    }
    return nested.flatMap((o) =>
      describe(`${prefix} ${o.name}`, 'options' in o ? (o.options as APIApplicationCommandOption[] | undefined) : undefined, `— ${o.description}`),
    );
  };
  return describe(`/${definition.name}`, definition.options, `— ${'description' in definition ? definition.description : ''}`);
}

/** /help lists whatever the registry holds, so it can never fall out of date. */
export function createHelpCommand(registry: () => readonly CommandModule[]): CommandModule {
  return {
    name: 'help',
    definitions: [
      {
        type: ApplicationCommandType.ChatInput,
        name: 'help',
        description: 'What Switchboard does, how to set it up, and every command',
        ...EVERYWHERE,
      },
    ],
    async chatInput(ctx) {
      ctx.reply.setVisibility(visibilityFor({ kind: 'help' }));
      const fields: APIEmbedField[] = registry()
        .flatMap((module) => module.definitions)
        .map((definition) => ({ name: definition.name === 'Message info' ? 'Message info' : `/${definition.name}`, value: usageLines(definition).join('\n') }));
      await ctx.reply.send({
        embeds: [
          {
            title: 'Switchboard',
            color: HELP_COLOR,
            description: [
              'Switchboard puts your [PluralKit](https://pluralkit.me) system behind slash commands: see who is fronting, log switches, and look up proxied messages from any server or DM.',
              '',
              '**Set up:** run `/token set`. I will ask for your PluralKit token in DMs (get it by sending `pk;token` to PluralKit). It is stored encrypted and only used for your own commands.',
              'Without a token, commands still show public data of any system.',
              '',
              'Replies that others can see only ever show what PluralKit shows the public; add `private: True` to see your own private data just for you.',
            ].join('\n'),
            fields,
          },
        ],
      });
    },
  };
}
