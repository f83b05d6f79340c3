/**
 * What the playground's page and server say to each other (JSON over HTTP, events over SSE).
 * Types only: the server validates what the page sends with zod (server/requests.ts).
 */

/** A message as Discord sends it to clients; the page reads it loosely, as a Discord client would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DiscordMessage = Record<string, any>;

export interface Person {
  id: string;
  username: string;
  displayName: string;
  /** What this person stands for in the demo. */
  role: string;
  /** Offered in the "You are" switch; the others only appear as users to pick in options. */
  selectable: boolean;
}

/** Where something happens: the demo server's one channel, or a person's DM with the bot. */
export type Place = { kind: 'guild' } | { kind: 'dm'; personId: string };

export interface Author {
  name: string;
  avatarUrl: string | null;
  /** Bots and PluralKit's webhooks carry a tag beside the name, as in Discord. */
  tag: 'APP' | null;
  personId: string | null;
}

/** One message shown in a channel. */
export interface Entry {
  id: string;
  place: Place;
  author: Author;
  timestamp: string;
  message: DiscordMessage;
  /** An ephemeral reply is seen only by this person. */
  onlyFor: string | null;
  /** "Harbour Lights used /member view", as Discord shows above an interaction's reply (`label` has the verb). */
  invocation: { personId: string; label: string } | null;
  interactionId: string | null;
  /** The proxied demo messages, which "Message info" is for. */
  proxied: boolean;
}

export interface PluralKitCall {
  id: number;
  interactionId: string | null;
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  durationMs: number | null;
  /** Whether the bot sent a token (the owner's view) or none (the public view). */
  withToken: boolean;
}

export interface InteractionSummary {
  id: string;
  personId: string;
  label: string;
  at: number;
  /** `failed` when the bot did not answer within Discord's window. */
  status: 'pending' | 'answered' | 'failed';
}

export interface DemoToken {
  systemId: string;
  systemName: string | null;
  token: string;
  personId: string | null;
}

export interface PlaygroundState {
  people: Person[];
  guildName: string;
  channelName: string;
  botName: string;
  /** The application commands as the bot registered them (Discord's JSON). */
  commands: DiscordMessage[];
  entries: Entry[];
  calls: PluralKitCall[];
  interactions: InteractionSummary[];
  demoTokens: DemoToken[];
}

/** Server-sent events on /api/events. */
export type PlaygroundEvent =
  | { type: 'entry'; entry: Entry }
  | { type: 'entry-removed'; id: string }
  | { type: 'call'; call: PluralKitCall }
  | { type: 'interaction'; interaction: InteractionSummary };

/** The answer to anything that dispatches an interaction. */
export interface DispatchResult {
  interactionId: string;
  /** The bot answered with a form to fill in (Discord's modal JSON). */
  modal?: DiscordMessage;
  /** No answer within Discord's window: "This interaction failed". */
  failed?: boolean;
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
}

/** Option values as typed in the command box; a USER option names a person. */
export type OptionValues = Record<string, string | number | boolean | { user: string }>;

export interface CommandPath {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
}

export interface SlashRequest extends CommandPath {
  as: string;
  place: Place;
  options: OptionValues;
}

export interface AutocompleteRequest extends SlashRequest {
  focused: string;
}

export interface ComponentRequest {
  as: string;
  place: Place;
  messageId: string;
  customId: string;
  componentType: number;
  values?: string[];
  /** The button's label or the menu's placeholder, for the request panel. */
  label?: string;
}

export interface ModalRequest {
  as: string;
  place: Place;
  customId: string;
  fields: Record<string, string>;
  messageId?: string;
  /** The form's title, for the request panel. */
  title?: string;
}

export interface MessageCommandRequest {
  as: string;
  place: Place;
  name: string;
  messageId: string;
}

export interface DirectMessageRequest {
  as: string;
  content: string;
}
