import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord.js';
import { z } from 'zod';

/** `[user] [system] [private]`: the same three options on every read command. */
export const TARGET_OPTIONS: readonly APIApplicationCommandBasicOption[] = [
  { type: ApplicationCommandOptionType.User, name: 'user', description: "Look up the system linked to this Discord account" },
  { type: ApplicationCommandOptionType.String, name: 'system', description: 'A system ID (abcdef or abc-def) or UUID', max_length: 64 },
  { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Show your own private data, only to you' },
];

export const TargetOptionsSchema = z.object({
  user: z.string().regex(/^\d{15,21}$/, 'expected a Discord user').optional(),
  system: z.string().trim().min(1).max(64).optional(),
  private: z.boolean().optional(),
});
