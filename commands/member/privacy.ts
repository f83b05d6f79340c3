import { MEMBER_COMMAND } from '../shared/entity/kinds.js';
import { privacySubcommand } from '../shared/entity/privacy.js';

/**
 * `/member privacy member [subject] [level]`: subjects visibility, name, description, birthday,
 * pronouns, avatar, banner, metadata, proxy, or all (PATCH /members/{ref} `privacy`); without a
 * level, the overview of every subject.
 */
export const memberPrivacy = privacySubcommand(MEMBER_COMMAND);
