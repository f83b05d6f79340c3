import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** Where commands are registered: one server (instant) or everywhere. */
export interface RegistrationTarget {
  applicationId: string;
  guildId?: string | undefined;
}

/** Registering the command definitions with Discord (a bulk overwrite), whatever transport runs. */
export interface CommandRegistrar {
  putCommands(target: RegistrationTarget, definitions: readonly RESTPostAPIApplicationCommandsJSONBody[]): Promise<void>;
}
