import { GROUP_COMMAND, MEMBER_COMMAND } from '../shared/entity/kinds.js';
import { membershipGroup } from '../shared/entity/membership.js';

/**
 * `/member groups view|add|remove|set|clear`: GET /members/{ref}/groups and POST
 * /members/{ref}/groups/add|remove|overwrite. `set` asks first when it removes the member from a
 * group; `clear` (an empty set, which an option cannot express) always asks.
 */
export const memberGroups = membershipGroup(MEMBER_COMMAND, GROUP_COMMAND, "A member's groups: view, add, remove, set, clear");
