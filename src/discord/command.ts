import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Message,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
  User,
} from 'discord.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import type { CustomId } from './custom-id.js';
import type { Responder } from './reply.js';

/** What every handler gets: shared services, its own logger and the one reply helper. */
export interface CommandContext {
  services: Services;
  log: Logger;
  reply: Responder;
  userId: string;
  /** The Discord user who acted (for DMs to them). */
  user: User;
  /** The server the interaction came from; null in DMs and group DMs. */
  guildId: string | null;
  /** True in the bot's own DM channel, where tokens may be entered. */
  inBotDm: boolean;
}

export interface AutocompleteContext {
  services: Services;
  log: Logger;
  userId: string;
  guildId: string | null;
}

export interface DirectMessageContext {
  services: Services;
  log: Logger;
  message: Message;
}

/** One module per command: its definitions (data) and its handlers. */
export interface CommandModule {
  /** Prefix of this module's component custom IDs. */
  readonly name: string;
  readonly definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  chatInput?(ctx: CommandContext, interaction: ChatInputCommandInteraction): Promise<void>;
  autocomplete?(ctx: AutocompleteContext, interaction: AutocompleteInteraction): Promise<ApplicationCommandOptionChoiceData[]>;
  messageContext?(ctx: CommandContext, interaction: MessageContextMenuCommandInteraction): Promise<void>;
  button?(ctx: CommandContext, interaction: ButtonInteraction, id: CustomId): Promise<void>;
  modalSubmit?(ctx: CommandContext, interaction: ModalSubmitInteraction, id: CustomId): Promise<void>;
  /** Plain messages in the bot's DM channel (only the token module uses this). */
  directMessage?(ctx: DirectMessageContext): Promise<boolean>;
  /** `/help` lines, when the module can say more than its definitions do. */
  help?(): HelpSection;
}

/** What `/help` shows for one command: a one-line summary and a line per subcommand. */
export interface HelpSection {
  command: string;
  summary: string;
  lines: string[];
}
