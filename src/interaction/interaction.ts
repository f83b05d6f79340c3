/*
 * The interaction as the core sees it, whatever brought it (the gateway or Discord's HTTP POST):
 * built from the raw API payload by `parse.ts`, holding only what handlers read. Nothing here
 * knows a transport; answering goes through the Responder (`responder.ts`).
 */

export interface InteractionUser {
  id: string;
  username: string;
  globalName: string | null;
}

/** Where the command ran (Discord's `context`); null on old clients that do not send it. */
export type InteractionPlace = 'guild' | 'bot-dm' | 'private-channel';

/** An attachment the user gave to an ATTACHMENT option, as Discord resolved it (its CDN URL). */
export interface ResolvedAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  contentType: string | null;
}

/** A channel the user gave to a CHANNEL option, as Discord resolved it. */
export interface ResolvedChannel {
  id: string;
  /** Discord's channel type (0 text, 5 announcement, …). */
  type: number;
  /** The invoker's permissions in that channel (a decimal bit set), when Discord sent them. */
  permissions: string | null;
}

/** Option values by name, as flattened from Discord's nested tree. */
export interface CommandOptions {
  group: string | null;
  subcommand: string | null;
  /** USER options are the user's ID; ATTACHMENT options the attachment's ID (see `attachments`). */
  values: Record<string, string | number | boolean>;
  /** The option the user is typing in (autocomplete only). */
  focused: { name: string; value: string } | null;
  /** Attachments Discord resolved for this interaction, by ID: the only files a handler may fetch. */
  attachments: Record<string, ResolvedAttachment>;
  /** Channels Discord resolved for CHANNEL options, by ID, with the invoker's permissions there. */
  channels: Record<string, ResolvedChannel>;
}

/** The message a context-menu command was used on. */
export interface TargetMessage {
  id: string;
  channelId: string;
  content: string;
  attachmentCount: number;
  authorId: string;
}

interface Common {
  id: string;
  /** The interaction token: valid 15 minutes for the follow-ups and edits of this interaction. */
  token: string;
  applicationId: string;
  user: InteractionUser;
  guildId: string | null;
  channelId: string | null;
  place: InteractionPlace | null;
  /** The bot's permissions in the channel (a decimal bit set), when Discord sent them. */
  appPermissions: string | null;
  /** The invoker's permissions in the channel, in servers. */
  memberPermissions: string | null;
}

export interface CommandInteraction extends Common {
  kind: 'command';
  commandName: string;
  options: CommandOptions;
}

export interface AutocompleteInteraction extends Common {
  kind: 'autocomplete';
  commandName: string;
  options: CommandOptions;
}

export interface MessageMenuInteraction extends Common {
  kind: 'message-menu';
  commandName: string;
  target: TargetMessage;
}

export interface ButtonInteraction extends Common {
  kind: 'button';
  customId: string;
  /** The message the button sits on. */
  messageId: string | null;
}

export interface SelectInteraction extends Common {
  kind: 'select';
  customId: string;
  values: string[];
  messageId: string | null;
}

export interface ModalInteraction extends Common {
  kind: 'modal';
  customId: string;
  /** Text input values by custom ID. */
  fields: Record<string, string>;
}

export type Interaction =
  | CommandInteraction
  | AutocompleteInteraction
  | MessageMenuInteraction
  | ButtonInteraction
  | SelectInteraction
  | ModalInteraction;

/** Interactions that are answered with a message (or a modal); autocomplete is answered with choices. */
export type RepliableInteraction = Exclude<Interaction, AutocompleteInteraction>;

/** Components (buttons, selects) edit the message they sit on unless a handler says otherwise. */
export function isComponent(interaction: Interaction): interaction is ButtonInteraction | SelectInteraction {
  return interaction.kind === 'button' || interaction.kind === 'select';
}

/** A plain message someone sent the bot in its DM channel (gateway only). */
export interface DirectMessage {
  id: string;
  channelId: string;
  author: InteractionUser;
  content: string;
}
