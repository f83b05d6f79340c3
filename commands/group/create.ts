import { createSubcommand } from '../shared/entity/create.js';
import { GROUP_COMMAND } from '../shared/entity/kinds.js';

/** `/group create name [display_name] [description] [color] [icon] [banner]`: POST /groups. */
export const createGroup = createSubcommand(GROUP_COMMAND, 'Create a group');
