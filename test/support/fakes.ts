import { startFakeDiscord, type FakeDiscord } from './fake-discord/index.js';
import { startPluralKitEmulator, type DispatchTimers, type PluralKitEmulator } from './pluralkit-emulator/index.js';

/** How Discord delivers interactions: the gateway or signed POSTs to /interactions. */
export type Transport = 'gateway' | 'http';

/** Both ways, for runs that must hold on either. */
export const TRANSPORTS: readonly Transport[] = ['gateway', 'http'];

export interface FakesOptions {
  /** Default the gateway. */
  transport?: Transport;
  /** The emulator's rate limits; default on, as PluralKit's. */
  rateLimits?: boolean;
  /** Times the emulator's fault delays (see PluralKitEmulatorOptions.faultTimers). */
  faultTimers?: DispatchTimers;
}

/** The fake Discord and the PluralKit emulator, and what a bot needs to talk to them. */
export interface Fakes {
  readonly discord: FakeDiscord;
  readonly pluralkit: PluralKitEmulator;
  readonly transport: Transport;
  /** The bot's environment for these fakes (Discord and PluralKit URLs, token, and the HTTP interactions settings when `transport` is http). */
  readonly env: Record<string, string>;
  /** Over HTTP, Discord POSTs interactions to the bot's port once it listens. */
  interactionsAt(port: number): void;
  close(): Promise<void>;
}

/** How the bot finds these fakes: Discord's and PluralKit's URLs, the bot token, and the HTTP interactions settings when `transport` is http. */
export function botEnvironment(discord: FakeDiscord, pluralkit: PluralKitEmulator, transport: Transport): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    PLURALKIT_API_URL: pluralkit.url,
    ...(transport === 'http' ? { DISCORD_INTERACTIONS: 'http', HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: discord.interactionsPublicKey } : {}),
  };
}

/**
 * The world every bot test runs in, whichever way the bot runs: in the test process (the harness)
 * or as the real process (test/e2e). One place says how the bot finds the fakes.
 */
export async function startFakes(options: FakesOptions = {}): Promise<Fakes> {
  const transport = options.transport ?? 'gateway';
  const discord = await startFakeDiscord({ delivery: transport });
  const pluralkit = await startPluralKitEmulator({ rateLimits: options.rateLimits ?? true, faultTimers: options.faultTimers });
  return {
    discord,
    pluralkit,
    transport,
    env: botEnvironment(discord, pluralkit, transport),
    interactionsAt: (port) => discord.setInteractionsEndpoint(`http://127.0.0.1:${port}/interactions`),
    async close() {
      await discord.close();
      await pluralkit.close();
    },
  };
}
