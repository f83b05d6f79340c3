import { GROUP_COMMAND } from '../../src/discord/entity-commands/kinds.js';
import { privacySubcommand } from '../../src/discord/entity-commands/privacy.js';

/**
 * `/group privacy group [subject] [level]`: subjects visibility, name, description, icon, banner,
 * list, metadata, or all (PATCH /groups/{ref} `privacy`); without a level, the overview.
 */
export const groupPrivacy = privacySubcommand(GROUP_COMMAND);
