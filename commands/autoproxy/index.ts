import { defineCommand } from '../../src/framework/command-table.js';
import { setAutoproxy } from './set.js';
import { viewAutoproxy } from './view.js';

export const autoproxyCommand = defineCommand({
  name: 'autoproxy',
  description: 'Autoproxy in this server: proxy messages without proxy tags',
  subcommands: { view: viewAutoproxy, set: setAutoproxy },
});
