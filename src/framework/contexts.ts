import { ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';

/** Every command is installable to servers and to user accounts, and usable everywhere. */
export const EVERYWHERE = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};
