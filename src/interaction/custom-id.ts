import { DiscordLimits } from '../core/discord-limits.js';

/**
 * Component custom IDs: `<command>:<action>[:<arg>…]`. The command part routes
 * the interaction to its module; args carry what the handler needs (e.g. the
 * invoking user, an issue time for expiry) so no server-side state is required.
 */
export interface CustomId {
  command: string;
  action: string;
  args: string[];
}

const SEPARATOR = ':';

export function encodeCustomId(command: string, action: string, ...args: Array<string | number>): string {
  const parts = [command, action, ...args.map(String)];
  for (const part of parts) {
    if (part.includes(SEPARATOR)) throw new Error(`custom id part contains "${SEPARATOR}": ${part}`);
  }
  const id = parts.join(SEPARATOR);
  if (id.length > DiscordLimits.customId) throw new Error(`custom id longer than ${DiscordLimits.customId}: ${id}`);
  return id;
}

export function decodeCustomId(customId: string): CustomId | null {
  const [command, action, ...args] = customId.split(SEPARATOR);
  if (!command || !action) return null;
  return { command, action, args };
}
