import { defineCommand } from '../../src/framework/command-table.js';
import { deleteConfirmations, deleteSwitch } from './delete.js';
import { editConfirmations, editSwitch } from './edit.js';
import { historyPagers, switchHistory } from './history.js';
import { moveConfirmations, moveSwitch } from './move.js';
import { newSwitch } from './new.js';
import { switchOut } from './out.js';

export const switchCommand = defineCommand({
  name: 'switch',
  description: 'Log and fix switches',
  subcommands: { new: newSwitch, out: switchOut, edit: editSwitch, move: moveSwitch, delete: deleteSwitch, history: switchHistory },
  confirmations: [...editConfirmations, ...moveConfirmations, ...deleteConfirmations],
  pagers: historyPagers,
});
