import { defineCommand } from '../../src/framework/command-table.js';
import { createMember } from './create.js';
import { deleteMember } from './delete.js';
import { editMember } from './edit.js';
import { memberGroups } from './groups.js';
import { listMembers } from './list.js';
import { memberPrivacy } from './privacy.js';
import { editMemberServer } from './server-edit.js';
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
});
