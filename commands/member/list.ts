import { MEMBERS } from '../../src/entities/kinds.js';
import { MEMBER_COMMAND } from '../shared/entity/kinds.js';
import { entityListPager, listSubcommand } from '../shared/entity/list.js';

/**
 * `/member list [user] [system] [private] [search] [sort]`: PluralKit's short list, 25 a page,
 * `[id] **name**` plus one datum that follows the sort. Public replies read the public list
 * without a token (1 request a page); `private: True` pages the caller's cached list (0 when warm).
 */
export const memberListPager = entityListPager('member.list', MEMBERS, '/member list');

export const listMembers = listSubcommand(MEMBER_COMMAND, memberListPager);
