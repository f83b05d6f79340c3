import { defineCommand } from '../../src/framework/command-table.js';
import { addToFront } from './add.js';
import { removeFromFront } from './remove.js';
import { deleteSwitch } from './delete.js';
import { editSwitch } from './edit.js';
import { switchHistory } from './history.js';
import { moveSwitch } from './move.js';
import { newSwitch } from './new.js';
import { switchOut } from './out.js';

export const switchCommand = defineCommand({
  name: 'switch',
  description: 'Log and fix switches',
  subcommands: { new: newSwitch, add: addToFront, remove: removeFromFront, out: switchOut, edit: editSwitch, move: moveSwitch, delete: deleteSwitch, history: switchHistory },
});
