import { deleteSubcommand } from '../shared/entity/delete.js';
import { GROUP_COMMAND } from '../shared/entity/kinds.js';

/** `/group delete group`: DELETE /groups/{ref} after a confirm that says its members stay. */
export const deleteGroup = deleteSubcommand(GROUP_COMMAND, {
  description: 'Delete a group (asks first; its members are not deleted)',
  consequences: 'Its members are not deleted: they only leave the group.',
});
