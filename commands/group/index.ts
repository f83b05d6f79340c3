import { defineCommand } from '../../src/framework/command-table.js';
import { createGroup } from './create.js';
import { deleteGroup } from './delete.js';
import { editGroup } from './edit.js';
import { listGroups } from './list.js';
import { groupMembers } from './members.js';
import { groupPrivacy } from './privacy.js';
import { viewGroup } from './view.js';

export const groupCommand = defineCommand({
  name: 'group',
  description: 'Your groups: list, view, create, edit, delete, privacy, members',
  subcommands: { list: listGroups, view: viewGroup, create: createGroup, edit: editGroup, delete: deleteGroup, privacy: groupPrivacy },
  groups: { members: groupMembers },
});
