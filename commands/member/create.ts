import { createSubcommand } from '../shared/entity/create.js';
import { MEMBER_COMMAND } from '../shared/entity/kinds.js';

/**
 * `/member create name [display_name] [pronouns] [description] [color] [birthday] [avatar]
 * [banner] [proxy]`: POST /members. Asks first when the name is already taken in the system.
 */
export const createMember = createSubcommand(MEMBER_COMMAND, 'Create a member');
