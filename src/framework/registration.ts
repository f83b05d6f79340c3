import { createHash } from 'node:crypto';
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Logger } from '../logger.js';
import type { RegistrationStore } from '../stores/registration/registration-store.js';
import type { CommandRegistrar, RegistrationTarget } from '../interaction/command-registrar.js';
import type { CommandModule } from './command.js';

/** Longer than a bulk overwrite takes: a starting instance that died while registering holds the claim no longer. */
const REGISTRATION_LEASE_MS = 60_000;

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
  rest: CommandRegistrar,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  target: RegistrationTarget,
): Promise<void> {
  await rest.putCommands(target, definitions);
}

/**
 * Registers on start only when the definitions changed since the last successful registration,
 * and of instances starting together only the one that claims the registration.
 */
export async function registerIfChanged(options: {
  rest: CommandRegistrar;
  registration: RegistrationStore;
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  target: RegistrationTarget;
  log: Logger;
}): Promise<boolean> {
  const hash = definitionsHash(options.definitions, options.target);
  if ((await options.registration.registered())?.hash === hash) {
    options.log.info({ commands: options.definitions.length }, 'command definitions unchanged; not registering');
    return false;
  }
  if (!(await options.registration.claimRegistration(hash, REGISTRATION_LEASE_MS))) {
    options.log.info({ commands: options.definitions.length }, 'another instance is registering these command definitions; not registering');
    return false;
  }
  await registerCommands(options.rest, options.definitions, options.target);
  await options.registration.recordRegistration(hash);
  options.log.info({ commands: options.definitions.length, guildId: options.target.guildId }, 'registered commands');
  return true;
}

export function rememberRegistration(
  registration: RegistrationStore,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  target: RegistrationTarget,
): Promise<void> {
  return registration.recordRegistration(definitionsHash(definitions, target));
}
