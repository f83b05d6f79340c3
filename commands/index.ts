import type { CommandModule } from '../src/discord/command.js';
import { frontersCommand } from './fronters.js';
import { createHelpCommand } from './help.js';
import { messageCommand } from './message.js';
import { switchCommand } from './switch.js';
import { tokenCommand } from './token.js';

/** The static command registry: every module the bot serves, in /help order. */
export const commandModules: readonly CommandModule[] = [
  frontersCommand,
  switchCommand,
  messageCommand,
  tokenCommand,
  createHelpCommand(() => commandModules),
];
