import type { APIApplicationCommandOptionChoice, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  CommandInteraction,
  DirectMessage,
  InteractionUser,
  MessageMenuInteraction,
  ModalInteraction,
  RepliableInteraction,
  SelectInteraction,
} from '../interaction/interaction.js';
import type { CustomId } from '../interaction/custom-id.js';
import type { ReplyMessage } from '../interaction/message.js';
import type { Responder } from '../interaction/responder.js';
import type { InteractionsTransport } from '../config.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';

/** What every handler gets: shared services, its own logger and the one reply helper. */
export interface CommandContext {
  services: Services;
  log: Logger;
  reply: Responder;
  userId: string;
  /** The Discord user who acted. */
  user: InteractionUser;
  /** The interaction being answered (transport-neutral). */
  interaction: RepliableInteraction;
  /** The server the interaction came from; null in DMs and group DMs. */
  guildId: string | null;
  /** True in the bot's own DM channel, where tokens may be entered. */
  inBotDm: boolean;
  /** The flows this command routes (declared by its subcommands): only those may be opened. */
  flows: ReadonlySet<string>;
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
  message: DirectMessage;
  /** Answers in the same DM channel. */
  reply(message: ReplyMessage): Promise<void>;
}

export type Choice = APIApplicationCommandOptionChoice;

/** One module per command: its definitions (data) and its handlers. */
export interface CommandModule {
  /** Prefix of this module's component custom IDs. */
  readonly name: string;
  /** The ids of the flows whose buttons and modals this module routes. */
  readonly flowIds?: ReadonlySet<string>;
  readonly definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  chatInput?(ctx: CommandContext, interaction: CommandInteraction): Promise<void>;
  autocomplete?(ctx: AutocompleteContext, interaction: AutocompleteInteraction): Promise<Choice[]>;
  messageContext?(ctx: CommandContext, interaction: MessageMenuInteraction): Promise<void>;
  button?(ctx: CommandContext, interaction: ButtonInteraction | SelectInteraction, id: CustomId): Promise<void>;
  modalSubmit?(ctx: CommandContext, interaction: ModalInteraction, id: CustomId): Promise<void>;
  /** Plain messages in the bot's DM channel (only the token module uses this). */
  directMessage?(ctx: DirectMessageContext): Promise<boolean>;
  /** `/help` lines, when the module can say more than its definitions do. */
  help?(context: HelpContext): HelpSection;
}

/** What help text may depend on: how this deployment receives interactions (no DM messages over HTTP). */
export interface HelpContext {
  interactions: InteractionsTransport;
}

/** What `/help` shows for one command: a one-line summary and a line per subcommand. */
export interface HelpSection {
  command: string;
  summary: string;
  lines: string[];
}
