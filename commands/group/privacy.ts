import { GROUP_COMMAND } from '../shared/entity/kinds.js';
import { privacySubcommand } from '../shared/entity/privacy.js';

/**
 * `/group privacy group [subject] [level]`: subjects visibility, name, description, icon, banner,
 * list, metadata, or all (PATCH /groups/{ref} `privacy`); without a level, the overview.
 */
export const groupPrivacy = privacySubcommand(GROUP_COMMAND);
