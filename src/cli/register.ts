import { commandModules } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { commandDefinitions, registerCommands, rememberRegistration } from '../framework/registration.js';
import { openStores } from '../stores/open-stores.js';
import { DiscordRest } from '../transport/discord-rest.js';

/** `npm run register`: bulk-overwrite the commands globally, or in DEV_GUILD_ID. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { requireDiscordToken: true });
  const rest = new DiscordRest({ token: config.discordToken!, apiUrl: config.discordApiUrl });
  const applicationId = config.discordApplicationId ?? (await rest.currentApplication()).id;
  const definitions = commandDefinitions(commandModules);
  const target = { applicationId, guildId: config.devGuildId };
  await registerCommands(rest, definitions, target);
  const stores = await openStores(config);
  try {
    await rememberRegistration(stores.registration, definitions, target);
  } finally {
    await stores.close();
  }
  process.stdout.write(
    `Registered ${definitions.length} commands ${config.devGuildId ? `in server ${config.devGuildId}` : 'globally'}.\n`,
  );
}

main().catch((error: unknown) => {
  console.error(`Registration failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
