import type { CommandModule } from '../src/discord/command.js';
import { createHelpCommand } from './help.js';
import { tokenCommand } from './token.js';

/** The static command registry: every module the bot serves, in /help order. */
export const commandModules: readonly CommandModule[] = [
  tokenCommand,
  createHelpCommand(() => commandModules),
];
