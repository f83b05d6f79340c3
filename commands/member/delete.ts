import { deleteSubcommand } from '../shared/entity/delete.js';
import { MEMBER_COMMAND } from '../shared/entity/kinds.js';

/** `/member delete member`: DELETE /members/{ref} after a confirm that names the member. */
export const deleteMember = deleteSubcommand(MEMBER_COMMAND, {
  description: 'Delete a member (asks first)',
  consequences: 'It leaves all its groups and your front history; messages already proxied stay on Discord.',
});
