import { defineCommand } from '../../src/framework/command-table.js';
import { createConfirmations, createMember } from './create.js';
import { deleteConfirmations, deleteMember } from './delete.js';
import { editConfirmations, editForms, editMember } from './edit.js';
import { memberGroups, memberGroupsConfirmations, memberGroupsPagers } from './groups.js';
import { listMembers, memberListPager } from './list.js';
import { memberPrivacy } from './privacy.js';
import { editMemberServer, serverConfirmations } from './server-edit.js';
import { viewMemberServer } from './server-view.js';
import { viewMember } from './view.js';

export const memberCommand = defineCommand({
  name: 'member',
  description: 'Your members: list, view, create, edit, delete, privacy, groups, server settings',
  subcommands: { list: listMembers, view: viewMember, create: createMember, edit: editMember, delete: deleteMember, privacy: memberPrivacy },
  groups: {
    groups: memberGroups,
    server: { description: "A member's settings in this server", subcommands: { view: viewMemberServer, edit: editMemberServer } },
  },
  confirmations: [...createConfirmations, ...editConfirmations, ...deleteConfirmations, ...memberGroupsConfirmations, ...serverConfirmations],
  pagers: [memberListPager, ...memberGroupsPagers],
  forms: editForms,
});
