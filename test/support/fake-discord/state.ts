import type { CommandStore } from './command-store.js';
import type { DmChannels } from './dm-channels.js';
import type { FakeGuilds } from './guilds.js';
import type { InteractionRegistry } from './interaction-record.js';
import type { MessageStore } from './message-store.js';
import type { UserDirectory } from './users.js';
import type { ChangeSignal } from './waiting.js';

export interface FakeConfig {
  readonly botToken: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUsername: string;
  readonly interactionWindowMs: number;
  readonly interactionTokenLifetimeMs: number;
  readonly heartbeatIntervalMs: number;
}

/** The fake's shared state, handed to the REST routes and the payload builders. */
export interface FakeState {
  readonly config: FakeConfig;
  readonly nextId: () => string;
  readonly signal: ChangeSignal;
  readonly users: UserDirectory;
  readonly messages: MessageStore;
  readonly interactions: InteractionRegistry;
  readonly commands: CommandStore;
  readonly dms: DmChannels;
  readonly guilds: FakeGuilds;
  /** The bot's own user object, as Discord sends it in READY and as message author. */
  botUser(): Record<string, unknown>;
  gatewayUrl(): string;
  /** Files given to ATTACHMENT options, served at `cdnUrl(id, filename)`. */
  readonly attachments: Map<string, { bytes: Buffer; contentType: string }>;
  cdnUrl(id: string, filename: string): string;
}
