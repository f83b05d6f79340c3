import { startBotProcess, type BotProcess } from '../../test/support/bot-process.js';
import { startFakeDiscord, type FakeDiscord } from '../../test/support/fake-discord/index.js';
import { startPluralKitEmulator, type PluralKitEmulator } from '../../test/support/pluralkit-emulator/index.js';
import { applySeedFile, loadSeedFile, type SeedResult } from '../../test/support/pluralkit-emulator/seed-file.js';
import { connectToken } from '../../test/support/messages.js';
import { BOT_NAME, GUILD_ID, OWNER_ID, PEOPLE, discordUser, personById } from './scene.js';
import { Timeline } from './timeline.js';

/** The PluralKit emulator with the demo data, the fake Discord, and the real bot connected to both. */
export interface DemoWorld {
  readonly pluralkit: PluralKitEmulator;
  readonly discord: FakeDiscord;
  readonly bot: BotProcess;
  readonly seeded: SeedResult;
  readonly timeline: Timeline;
  stop(): Promise<void>;
}

export interface DemoWorldOptions {
  /** Run the bot from `dist/` (after `npm run build`) instead of its sources through tsx. */
  built?: boolean;
  /** Called with each line the bot prints. */
  onBotLine?: (line: string) => void;
}

export async function startDemoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
  const pluralkit = await startPluralKitEmulator();
  const seeded = applySeedFile(pluralkit, loadSeedFile());
  const discord = await startFakeDiscord({ botUsername: BOT_NAME });
  const dmChannels = new Map(PEOPLE.map((person) => [discord.dmChannelId(person.id), person.id]));
  const timeline = new Timeline((channelId) => dmChannels.get(channelId));
  for (const post of seeded.posts) timeline.addPost(post);
  const stopWatching = [discord.watchMessages((event) => timeline.onMessage(event)), pluralkit.onRequestAnswered((request) => timeline.onPluralKitRequest(request))];

  const bot = startBotProcess(
    {
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      PLURALKIT_API_URL: pluralkit.url,
      // Commands registered to the demo server appear at once, as DEV_GUILD_ID does on Discord.
      DEV_GUILD_ID: GUILD_ID,
      LOG_LEVEL: 'info',
    },
    { fromSource: !options.built },
  );
  if (options.onBotLine) {
    const onLine = options.onBotLine;
    let printed = 0;
    const forward = (): void => {
      for (; printed < bot.lines.length; printed++) onLine(bot.lines[printed]!);
    };
    bot.child.stdout?.on('data', forward);
    bot.child.stderr?.on('data', forward);
  }
  const stop = async (): Promise<void> => {
    for (const unsubscribe of stopWatching) unsubscribe();
    await bot.stop('SIGTERM').catch(() => undefined);
    bot.cleanup();
    await discord.close();
    await pluralkit.close();
  };
  try {
    await bot.waitForLog((entry) => entry.msg === 'connected to Discord', 60_000);
    await bot.waitForLog((entry) => typeof entry.msg === 'string' && /registered commands|not registering|registration failed/.test(entry.msg), 30_000);
    await connectOwner(discord, timeline, seeded);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pluralkit, discord, bot, seeded, timeline, stop };
}

/** The owner starts connected, through the real DM form, so every command works from the first click. */
async function connectOwner(discord: FakeDiscord, timeline: Timeline, seeded: SeedResult): Promise<void> {
  const owner = personById(OWNER_ID)!;
  const token = seeded.systems.find((system) => system.accounts.includes(OWNER_ID))?.token;
  if (!token) throw new Error('the demo seed has no system with a token for the owner');
  timeline.interactionStarted('startup', owner.id, { kind: 'dm', personId: owner.id }, 'connected their token (at start)');
  await connectToken(discord, discordUser(owner), token);
  timeline.interactionSettled('startup', 'answered');
}
