import type { CommandPath, DiscordMessage } from '../shared/protocol.js';

export const OptionType = { Subcommand: 1, SubcommandGroup: 2, String: 3, Integer: 4, Boolean: 5, User: 6, Number: 10 } as const;
const CommandType = { ChatInput: 1, Message: 3 } as const;
const ContextType = { Guild: 0, BotDm: 1 } as const;

export interface OptionDef {
  name: string;
  description: string;
  type: number;
  required: boolean;
  autocomplete: boolean;
  choices: Array<{ name: string; value: string | number }>;
  maxLength: number | undefined;
}

/** One runnable slash command: a command, or one of its subcommands. */
export interface Leaf {
  path: CommandPath;
  label: string;
  description: string;
  options: OptionDef[];
}

function optionDef(raw: DiscordMessage): OptionDef {
  return {
    name: String(raw.name),
    description: String(raw.description ?? ''),
    type: Number(raw.type),
    required: raw.required === true,
    autocomplete: raw.autocomplete === true,
    choices: (raw.choices ?? []) as OptionDef['choices'],
    maxLength: typeof raw.max_length === 'number' ? raw.max_length : undefined,
  };
}

function allowedIn(command: DiscordMessage, inDm: boolean): boolean {
  const contexts = command.contexts as number[] | null | undefined;
  if (!contexts) return true;
  return contexts.includes(inDm ? ContextType.BotDm : ContextType.Guild);
}

/** Slash commands as Discord lists them in the picker: one entry per subcommand, in registration order. */
export function slashLeaves(commands: DiscordMessage[], inDm: boolean): Leaf[] {
  const leaves: Leaf[] = [];
  for (const command of commands) {
    if ((command.type ?? CommandType.ChatInput) !== CommandType.ChatInput || !allowedIn(command, inDm)) continue;
    const options = (command.options ?? []) as DiscordMessage[];
    const nested = options.filter((option) => option.type === OptionType.Subcommand || option.type === OptionType.SubcommandGroup);
    if (nested.length === 0) {
      leaves.push({ path: { name: command.name }, label: `/${command.name}`, description: String(command.description ?? ''), options: options.map(optionDef) });
      continue;
    }
    for (const option of nested) {
      if (option.type === OptionType.Subcommand) {
        leaves.push({ path: { name: command.name, subcommand: option.name }, label: `/${command.name} ${option.name}`, description: String(option.description ?? ''), options: ((option.options ?? []) as DiscordMessage[]).map(optionDef) });
        continue;
      }
      for (const sub of (option.options ?? []) as DiscordMessage[]) {
        leaves.push({
          path: { name: command.name, subcommandGroup: option.name, subcommand: sub.name },
          label: `/${command.name} ${option.name} ${sub.name}`,
          description: String(sub.description ?? ''),
          options: ((sub.options ?? []) as DiscordMessage[]).map(optionDef),
        });
      }
    }
  }
  return leaves;
}

/** Message commands ("Message info") for the message menu. */
export function messageCommandNames(commands: DiscordMessage[], inDm: boolean): string[] {
  return commands.filter((command) => command.type === CommandType.Message && allowedIn(command, inDm)).map((command) => String(command.name));
}

/** Best matches first: label starts with the query, then contains each word. */
export function matchLeaves(leaves: Leaf[], query: string): Leaf[] {
  const words = query.toLowerCase().replace(/^\//, '').split(/\s+/).filter(Boolean);
  const label = (leaf: Leaf) => leaf.label.slice(1).toLowerCase();
  const joined = words.join(' ');
  return leaves
    .filter((leaf) => words.every((word) => label(leaf).includes(word)))
    .sort((a, b) => Number(label(b).startsWith(joined)) - Number(label(a).startsWith(joined)));
}
