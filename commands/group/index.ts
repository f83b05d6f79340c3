import { defineCommand } from '../../src/framework/command-table.js';
import { createConfirmations, createGroup } from './create.js';
import { deleteConfirmations, deleteGroup } from './delete.js';
import { editConfirmations, editForms, editGroup } from './edit.js';
import { groupListPager, listGroups } from './list.js';
import { groupMembers, groupMembersConfirmations, groupMembersPagers } from './members.js';
import { groupPrivacy } from './privacy.js';
import { viewGroup } from './view.js';

export const groupCommand = defineCommand({
  name: 'group',
  description: 'Your groups: list, view, create, edit, delete, privacy, members',
  subcommands: { list: listGroups, view: viewGroup, create: createGroup, edit: editGroup, delete: deleteGroup, privacy: groupPrivacy },
  groups: { members: groupMembers },
  confirmations: [...createConfirmations, ...editConfirmations, ...deleteConfirmations, ...groupMembersConfirmations],
  pagers: [groupListPager, ...groupMembersPagers],
  forms: editForms,
});
