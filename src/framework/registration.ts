import { createHash } from 'node:crypto';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import type { DiscordRest, RegistrationTarget } from '../transport/discord-rest.js';
import { getMeta, setMeta } from '../vault/meta.js';
import type { CommandModule } from './command.js';

const HASH_KEY = 'commands_hash';

export function commandDefinitions(modules: readonly CommandModule[]): RESTPostAPIApplicationCommandsJSONBody[] {
  return modules.flatMap((module) => module.definitions);
}

/** Identifies exactly what would be registered where, to skip needless bulk overwrites. */
export function definitionsHash(definitions: readonly RESTPostAPIApplicationCommandsJSONBody[], target: RegistrationTarget): string {
  return createHash('sha256')
    .update(JSON.stringify({ target: { app: target.applicationId, guild: target.guildId ?? null }, definitions }))
    .digest('hex');
}

export async function registerCommands(
  rest: DiscordRest,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  target: RegistrationTarget,
): Promise<void> {
  await rest.putCommands(target, definitions);
}

/** Registers on start only when the definitions changed since the last successful registration. */
export async function registerIfChanged(options: {
  rest: DiscordRest;
  db: Database.Database;
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  target: RegistrationTarget;
  log: Logger;
}): Promise<boolean> {
  const hash = definitionsHash(options.definitions, options.target);
  if (getMeta(options.db, HASH_KEY) === hash) {
    options.log.info({ commands: options.definitions.length }, 'command definitions unchanged; not registering');
    return false;
  }
  await registerCommands(options.rest, options.definitions, options.target);
  setMeta(options.db, HASH_KEY, hash);
  options.log.info({ commands: options.definitions.length, guildId: options.target.guildId }, 'registered commands');
  return true;
}

export function rememberRegistration(db: Database.Database, definitions: readonly RESTPostAPIApplicationCommandsJSONBody[], target: RegistrationTarget): void {
  setMeta(db, HASH_KEY, definitionsHash(definitions, target));
}
