import { MEMBER_COMMAND } from '../../src/discord/entity-commands/kinds.js';
import { privacySubcommand } from '../../src/discord/entity-commands/privacy.js';

/**
 * `/member privacy member [subject] [level]`: subjects visibility, name, description, birthday,
 * pronouns, avatar, banner, metadata, proxy, or all (PATCH /members/{ref} `privacy`); without a
 * level, the overview of every subject.
 */
export const memberPrivacy = privacySubcommand(MEMBER_COMMAND);
