import type { CommandModule } from '../src/framework/command.js';
import { autoproxyCommand } from './autoproxy/index.js';
import { exportCommand } from './export/index.js';
import { frontersCommand } from './fronters.js';
import { groupCommand } from './group/index.js';
import { importCommand } from './import/index.js';
import { createHelpCommand } from './help.js';
import { logCommand } from './log/index.js';
import { memberCommand } from './member/index.js';
import { messageCommand } from './message.js';
import { preferencesCommand } from './preferences.js';
import { statsCommand } from './stats/index.js';
import { switchCommand } from './switch/index.js';
import { systemCommand } from './system/index.js';
import { tokenCommand } from './token/index.js';

const documented: readonly CommandModule[] = [systemCommand, memberCommand, groupCommand, frontersCommand, switchCommand, autoproxyCommand, statsCommand, exportCommand, importCommand, logCommand, messageCommand, tokenCommand, preferencesCommand];

/** The static command registry: every module the bot serves, in /help order. */
export const commandModules: readonly CommandModule[] = [
  ...documented,
  createHelpCommand(
    () => commandModules,
    documented.map((module) => module.name),
  ),
];
