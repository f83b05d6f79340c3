import type { APIEmbed } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { joinWithin } from '../text/list-fit.js';

export interface HelpContextView {
  interactions: 'gateway' | 'http';
}

export interface HelpSectionView {
  command: string;
  summary: string;
  lines: string[];
}

const HELP_COLOR = 0x5865f2;

function intro(context: HelpContextView): string {
  const setup =
    context.interactions === 'http'
      ? '**Set up:** run `/token set` and paste your PluralKit token into the private form that opens (get it by sending `pk;token` to PluralKit).'
      : '**Set up:** run `/token set`. I will ask for your PluralKit token in DMs (get it by sending `pk;token` to PluralKit).';
  return [
    'Switchboard puts your [PluralKit](https://pluralkit.me) system behind slash commands: members, groups, switches, front history and charts, privacy and settings, from any server or DM.',
    '',
    `${setup} It is stored encrypted and only used for your own commands.`,
    'Without a token, commands still show public data of any system, your own too (found by your Discord account, as PluralKit links it); a token is needed only for your private view and for changes.',
    '',
    'Replies that others can see only ever show what PluralKit shows the public; add `only_me: True` to any read to have it answered just to you, or `private: True` to see your own private data just for you. Changes are always answered privately.',
  ].join('\n');
}

/** The first word after the command in a usage line: `/member groups add …` → `groups add`. */
function subcommandOf(section: HelpSectionView, line: string): string | null {
  const match = new RegExp(`^\`/${section.command}((?: [a-z_-]+)*)`).exec(line);
  const words = match?.[1]?.trim();
  return words ? words : null;
}

/** Every command with its subcommands by name; `/help command:<name>` shows the options. */
export function renderHelpOverview(sections: readonly HelpSectionView[], context: HelpContextView): APIEmbed {
  return {
    title: 'Switchboard',
    color: HELP_COLOR,
    description: intro(context),
    fields: sections.slice(0, DiscordLimits.embedFields).map((section) => {
      const subcommands = section.lines.map((line) => subcommandOf(section, line)).filter((name): name is string => name !== null);
      const list = subcommands.map((name) => `\`/${section.command} ${name}\``);
      const value = list.length > 0 ? `${section.summary}\n${joinWithin(list, ' · ', DiscordLimits.embedFieldValue - section.summary.length - 1, (hidden) => `+${hidden} more`)}` : section.summary;
      return { name: `/${section.command}`, value };
    }),
    footer: { text: 'Use /help command:<name> for every option of a command.' },
  };
}

export function renderHelpDetail(section: HelpSectionView): APIEmbed {
  return {
    title: `/${section.command}`,
    color: HELP_COLOR,
    description: `${section.summary}\n\n${joinWithin(section.lines, '\n', DiscordLimits.embedDescription - section.summary.length - 2, (hidden) => `*(${hidden} more)*`)}`,
  };
}
