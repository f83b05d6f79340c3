/*
 * What the bot may do in a server channel, as the front log needs to know it: Discord's permission
 * bits by name, and the bot's standing there. Transport-neutral (the REST adapter computes it).
 */

/** The channel permissions a front log is about, by Discord's bit. */
export const ChannelPermission = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ManageChannels: 1n << 4n,
} as const;
export type ChannelPermissionName = keyof typeof ChannelPermission;

/** The bot's standing in a server channel: its permissions there, or why it has none. */
export type BotChannelAccess = { kind: 'permissions'; bits: bigint } | { kind: 'not-in-server' } | { kind: 'unknown-channel' };

/** What became of a post or an edit in a channel. */
export type ChannelPostOutcome = { kind: 'posted'; messageId: string } | { kind: 'refused' } | { kind: 'gone' };

/** The names of `needed` that `bits` lacks, in the order given. */
export function missingPermissions(bits: bigint, needed: readonly ChannelPermissionName[]): ChannelPermissionName[] {
  return needed.filter((name) => (bits & ChannelPermission[name]) === 0n);
}
