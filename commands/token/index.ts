import { defineCommand } from '../../src/framework/command-table.js';
import { tokenRemove } from './remove.js';
import { tokenFromDirectMessage } from './dm-paste.js';
import { OPEN_MODAL, openTokenModal, SUBMIT_MODAL, submitTokenModal, tokenSet } from './set.js';
import { tokenStatus } from './status.js';

export const tokenCommand = defineCommand({
  name: 'token',
  description: 'Connect your PluralKit system to Switchboard',
  subcommands: { set: tokenSet, status: tokenStatus, remove: tokenRemove },
  buttons: { [OPEN_MODAL]: openTokenModal },
  modals: { [SUBMIT_MODAL]: submitTokenModal },
  directMessage: tokenFromDirectMessage,
  helpNote: ({ interactions }) => (interactions === 'gateway' ? 'Pasting your token as a plain message in a DM with me works too.' : undefined),
});
