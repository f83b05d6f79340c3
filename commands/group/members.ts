import { GROUP_COMMAND, MEMBER_COMMAND } from '../shared/entity/kinds.js';
import { membershipGroup } from '../shared/entity/membership.js';

/**
 * `/group members view|add|remove|set|clear`: GET /groups/{ref}/members (paged) and POST
 * /groups/{ref}/members/add|remove|overwrite. `set` asks first when it removes anyone; `clear`
 * empties the group after a confirm.
 */
export const groupMembers = membershipGroup(GROUP_COMMAND, MEMBER_COMMAND, "A group's members: view, add, remove, set, clear");
