import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { truncate } from '../text/truncate.js';
import { fitEmbeds } from './embed-limits.js';

export interface ReplyFile {
  name: string;
  data: Buffer;
  /** Alt text Discord shows for the attachment. */
  description?: string;
}

/** What handlers and renderers say: the one message shape, whatever transport carries it. */
export interface ReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: ReplyFile[];
}

/** Nobody is ever pinged by anything the bot says: member names like "@everyone" stay text. */
export const NO_MENTIONS = { parse: [] as never[] };

/** A message as Discord's JSON (limits enforced, mentions disabled) plus the files sent beside it. */
export interface MessageBody {
  json: {
    content?: string;
    embeds: APIEmbed[];
    components: APIMessageTopLevelComponent[];
    allowed_mentions: typeof NO_MENTIONS;
    attachments?: Array<{ id: number; filename: string; description?: string }>;
    flags?: number;
  };
  files: ReplyFile[];
}

/** Shapes a message for Discord: limits enforced, mentions disabled, files described as attachments. */
export function toMessageBody(message: ReplyMessage, flags?: number): MessageBody {
  const files = message.files ?? [];
  return {
    json: {
      ...(message.content !== undefined ? { content: truncate(message.content, DiscordLimits.messageContent) } : {}),
      embeds: fitEmbeds(message.embeds ?? []),
      components: (message.components ?? []).slice(0, DiscordLimits.actionRows),
      allowed_mentions: NO_MENTIONS,
      ...(files.length > 0
        ? {
            attachments: files.map((file, index) => ({
              id: index,
              filename: file.name,
              ...(file.description ? { description: truncate(file.description, DiscordLimits.attachmentDescription) } : {}),
            })),
          }
        : {}),
      ...(flags !== undefined ? { flags } : {}),
    },
    files,
  };
}
