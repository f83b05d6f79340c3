import type { FakeGuildInput } from './guilds.js';
import type { APIMessage } from 'discord.js';
import type { MessageEvent, StoredMessage } from './message-store.js';

/**
 * Message bodies as the bot sent them. Deliberately untyped so tests can reach into
 * embeds and components without casts; the assertions are the type check.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

/** A Discord user as tests describe it; every missing field gets a plausible default. */
export interface FakeUser {
  id: string;
  username?: string;
  globalName?: string;
}

export interface FakeDiscordOptions {
  botToken?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** How long after dispatch an interaction still accepts its initial callback (Discord: 3000 ms). */
  interactionWindowMs?: number;
  /** How long an interaction token works for edits and follow-ups (Discord: 15 min); later → 401 {code: 50027}. */
  interactionTokenLifetimeMs?: number;
  /** Sent in HELLO. Lower it to make the client's own heartbeats happen within a test. */
  heartbeatIntervalMs?: number;
  /**
   * How interactions reach the bot: over the gateway (default), or as signed POSTs to the URL given
   * with `setInteractionsEndpoint`, whose HTTP response is the first callback.
   */
  delivery?: 'gateway' | 'http';
}

export interface SignedPostOptions {
  /** The signing time (default now): older than 5 minutes must be refused. */
  at?: number;
  /** A signature to send instead of the right one (hex). */
  signature?: string;
  /** Sign these bytes instead of the body sent (a body changed in transit). */
  signedBody?: string;
  /** Leave a signature header out. */
  omit?: 'signature' | 'timestamp';
  timeoutMs?: number;
}

export interface SignedPostResult {
  status: number;
  contentType: string;
  raw: Buffer;
}

export interface RecordedRequest {
  /** Position in `FakeDiscord.requests`; pass `index + 1` as `since` to wait only for later requests. */
  readonly index: number;
  readonly method: string;
  /** Percent-decoded path relative to `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. Other prefixes are kept whole. */
  readonly path: string;
  /** The URL path exactly as received, still percent-encoded and including `/api/v10`. */
  readonly rawPath: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body (for multipart requests: the parsed `payload_json`), or undefined. */
  readonly body: unknown;
  /** Names of uploaded files for multipart requests. */
  readonly files: readonly string[];
  /** Bytes of the uploaded files, in the order of `files`. */
  readonly uploads: ReadonlyArray<{ name: string; bytes: Buffer }>;
  /** Name of the route that handled it, or null when no route matched (the fake answered 404). */
  readonly route: string | null;
  /** Status code the fake answered with; set before waiters see the request. */
  status: number;
  readonly at: number;
}

export interface IdentifyPayload {
  token: string;
  intents: number;
  properties: Record<string, unknown>;
  compress?: boolean;
  shard?: [number, number];
  large_threshold?: number;
  presence?: unknown;
}

export interface InitialResponse {
  type: number;
  data?: LooseJson;
  at: number;
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** First accepted callback (type 4/5/6/7/8/9). Rejected callbacks (late, malformed) never resolve it. */
  initialResponse(timeoutMs?: number): Promise<InitialResponse>;
  /**
   * The first message the user gets to see: the type-4/7 callback data, or after a
   * type-5/6 deferral the first PATCH of `@original`. It is the request body merged
   * over the stored message, so it carries `id`, the effective `flags` (ephemeral
   * comes from the deferral) and body-only fields such as `allowed_mentions`.
   * Rejects at once if the interaction was answered with a modal or autocomplete choices.
   */
  finalMessage(timeoutMs?: number): Promise<LooseJson>;
  /** Current state of the `@original` message, if any. */
  original(): LooseJson;
  /** Bodies of follow-up messages (POST /webhooks/{app}/{token}), in order. */
  followUps(): LooseJson[];
  /** Bodies of every PATCH on this interaction's webhook messages, in order. */
  edits(): LooseJson[];
  /** Dispatch → initial callback received, in ms. */
  latencyMs(): number | undefined;
}

export interface GatewayDrop {
  /** Resolves once the client is back: "resumed" after RESUME, "identified" after a fresh IDENTIFY. */
  reconnected(timeoutMs?: number): Promise<'resumed' | 'identified'>;
}

/**
 * Option values for slash commands and autocomplete. Plain values are typed from the
 * command the bot registered (if any), else from their JS type (string 3, integer 4,
 * non-integer 10, boolean 5). Give `{ type, value }` to force a type; USER options
 * (type 6) may carry the user so `resolved.users` gets a proper name.
 */
export type SlashOptionValue = string | number | boolean | { type: number; value: string | number | boolean; user?: FakeUser } | { attachment: FakeAttachment };

/** A file given to an ATTACHMENT option: resolved in the interaction and served from the fake CDN. */
export interface FakeAttachment {
  filename: string;
  bytes: Buffer | string;
  contentType?: string;
  /** The size Discord reports (default: the bytes' length); a test may make it lie. */
  size?: number;
}

interface InteractionPlace {
  user?: FakeUser;
  /** A guild id for a server interaction (context 0); null/undefined for the bot DM (context 1). */
  guildId?: string | null;
  channelId?: string;
  /** Overrides `authorizing_integration_owners`; default `{"0": guildId}` in a guild, `{"1": userId}` in a DM. */
  integrationOwners?: Record<string, string>;
  locale?: string;
}

export interface SlashCommandInput extends InteractionPlace {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, SlashOptionValue>;
  /** Extra users for `resolved.users` (USER options get theirs automatically). */
  resolvedUsers?: FakeUser[];
}

export interface AutocompleteInput extends SlashCommandInput {
  /** Name of the option the user is typing in; it is sent as a string with `focused: true`. */
  focused: string;
}

export interface ButtonInput extends InteractionPlace {
  customId: string;
  /** A message the bot sent earlier (DM, reply, follow-up); otherwise a bot message is made up. */
  messageId?: string;
}

export interface SelectMenuInput extends ButtonInput {
  /** The chosen options' values (or user/role/channel IDs for those select types). */
  values: string[];
  /** 3 string select (default), 5 user, 6 role, 7 mentionable, 8 channel. */
  componentType?: number;
}

export interface ModalSubmitInput extends InteractionPlace {
  customId: string;
  fields: Record<string, string>;
  /** `label` (type 18 wrapping type 4, the current form, default) or `actionRow` (legacy). */
  form?: 'label' | 'actionRow';
  /** For modals opened from a button: the message the button was on. */
  messageId?: string;
}

export interface MessageContextInput extends InteractionPlace {
  name: string;
  target: Partial<APIMessage> & { id: string };
}

export interface DirectMessageInput {
  user: FakeUser;
  content: string;
}

export interface WaitForRequestOptions {
  /** Only consider requests whose index is >= since (e.g. `fake.requests.length` taken before acting). */
  since?: number;
  timeoutMs?: number;
}

export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`, for `rest.api` / DISCORD_API_URL. */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT/gateway`, as returned by GET /gateway/bot. */
  readonly gatewayUrl: string;
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly requests: readonly RecordedRequest[];
  /** Every IDENTIFY received, oldest first. */
  readonly identifies: readonly IdentifyPayload[];

  /** Latest IDENTIFY, waiting for one if none came yet. */
  waitForIdentify(timeoutMs?: number): Promise<IdentifyPayload>;
  /** READY was sent and the client answered a heartbeat request after it, so it has processed READY. */
  waitForReady(timeoutMs?: number): Promise<void>;
  /** First request (from `since`, default 0) matching the predicate; past requests count, so there is no race. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, options?: number | WaitForRequestOptions): Promise<RecordedRequest>;
  /** Requests no route matched: a quick way to spot calls the fake (or Discord) would not understand. */
  unmatchedRequests(): RecordedRequest[];
  registeredCommands(scope?: { guildId?: string }): unknown[];

  slashCommand(input: SlashCommandInput): InteractionHandle;
  autocomplete(input: AutocompleteInput): InteractionHandle;
  button(input: ButtonInput): InteractionHandle;
  selectMenu(input: SelectMenuInput): InteractionHandle;
  modalSubmit(input: ModalSubmitInput): InteractionHandle;
  messageContext(input: MessageContextInput): InteractionHandle;
  /** A DM MESSAGE_CREATE from the user (with channel_type 1). Resolves once it is on the wire (or queued). */
  directMessage(input: DirectMessageInput): Promise<{ id: string; channelId: string }>;
  /** Bodies the bot successfully posted in its DM channel with that user, as recorded requests. */
  dmMessagesTo(userId: string): RecordedRequest[];
  /** The DM channel id for a user (created on first use; stable for the fake's lifetime). */
  dmChannelId(userId: string): string;
  /** Closed DMs make POST /channels/{dm}/messages answer 403 {code: 50007}. */
  setDmsClosed(userId: string, closed: boolean): void;
  /** Any other refusal of DMs to this user (e.g. `{ status: 403, body: { code: 40003, message: '…' } }`); null lifts it. */
  refuseDms(userId: string, error: { status: number; body: { code: number; message: string } } | null): void;
  /**
   * A server with roles, members (the bot only when listed) and channels with overwrites: its
   * channels answer GET /channels/{id}, posting there needs View Channel and Send Messages, and
   * a CHANNEL option naming one carries the invoker's permissions there. Defining it again replaces it.
   */
  defineGuild(guild: FakeGuildInput): void;
  /** The messages in a channel now (deleted ones gone), oldest first. */
  channelMessages(channelId: string): StoredMessage[];
  /** The application's Ed25519 public key (64 hex digits), for DISCORD_PUBLIC_KEY. */
  readonly interactionsPublicKey: string;
  /** Where `delivery: 'http'` POSTs interactions (the bot's `/interactions`); null: nowhere. */
  setInteractionsEndpoint(url: string | null): void;
  /** A POST signed with the application's key, as Discord sends interactions and webhook events. */
  signedPost(url: string, body: string, options?: SignedPostOptions): Promise<SignedPostResult>;
  /** Calls `listener` after the bot created, edited or deleted a message (replies, follow-ups, channel messages); returns the unsubscribe function. */
  watchMessages(listener: (event: MessageEvent) => void): () => void;
  /** A file the bot uploaded with that message, by file name. */
  attachment(messageId: string, name: string): Buffer | undefined;
  /** Closes the gateway socket (default 4000, which discord.js resumes from). */
  dropGateway(code?: number): GatewayDrop;
  close(): Promise<void>;
}
