import { defineCommand } from '../../src/framework/command-table.js';
import { logSetup } from './setup.js';
import { logStop } from './stop.js';
import { logView } from './view.js';

export const logCommand = defineCommand({
  name: 'log',
  description: 'A live front log: your front changes posted in a server channel',
  subcommands: { setup: logSetup, view: logView, stop: logStop },
});
