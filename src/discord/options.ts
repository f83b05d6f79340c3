import { ApplicationCommandOptionType, type AutocompleteInteraction, type ChatInputCommandInteraction, type CommandInteractionOption } from 'discord.js';

export interface CollectedOptions {
  group: string | null;
  subcommand: string | null;
  /** Option values by name; USER options are the user's ID. */
  values: Record<string, string | number | boolean>;
  /** The option the user is typing in, for autocomplete. */
  focused: { name: string; value: string } | null;
}

function leafOptions(options: readonly CommandInteractionOption[]): {
  group: string | null;
  subcommand: string | null;
  leaves: readonly CommandInteractionOption[];
} {
  const first = options[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    const sub = first.options?.[0];
    return { group: first.name, subcommand: sub?.name ?? null, leaves: sub?.options ?? [] };
  }
  if (first?.type === ApplicationCommandOptionType.Subcommand) {
    return { group: null, subcommand: first.name, leaves: first.options ?? [] };
  }
  return { group: null, subcommand: null, leaves: options };
}

/** Flattens Discord's nested option tree into names → values, whatever the command shape. */
export function collectOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CollectedOptions {
  const { group, subcommand, leaves } = leafOptions(interaction.options.data);
  const values: Record<string, string | number | boolean> = {};
  let focused: CollectedOptions['focused'] = null;
  for (const option of leaves) {
    const value = option.type === ApplicationCommandOptionType.User ? (option.user?.id ?? option.value) : option.value;
    if (value !== undefined && value !== null) values[option.name] = value;
    if (option.focused) focused = { name: option.name, value: String(option.value ?? '') };
  }
  return { group, subcommand, values, focused };
}
