import { GROUPS } from '../../src/entities/kinds.js';
import { GROUP_COMMAND } from '../shared/entity/kinds.js';
import { entityListPager, listSubcommand } from '../shared/entity/list.js';

/**
 * `/group list [user] [system] [private] [search] [sort]`: 25 a page with member counts
 * (GET /systems/{ref}/groups?with_members=true, 1 request a page; 0 for the owner view when warm).
 */
export const groupListPager = entityListPager('group.list', GROUPS, '/group list');

export const listGroups = listSubcommand(GROUP_COMMAND, groupListPager);
