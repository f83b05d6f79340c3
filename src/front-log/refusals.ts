import type { ChannelPermissionName } from '../core/channel-access.js';

/*
 * The refusals of `/log`, declared beside the front log by augmenting the core catalogue;
 * src/render/refusals.ts words them.
 */

declare module '../core/refusal-codes.js' {
  interface RefusalData {
    /** The invoker lacks Manage Channels in the log channel. */
    'log.needs-manage-channels': { channelId: string };
    /** The bot is not a member of the server (installed to users only): it cannot post there. */
    'log.bot-not-in-server': Record<never, never>;
    /** The bot lacks these permissions in the log channel. */
    'log.bot-missing-permissions': { channelId: string; missing: ChannelPermissionName[] };
    /** The channel is not one of this server's text channels (or is gone). */
    'log.unknown-channel': { channelId: string };
    /** The user has no front log (to view or stop). */
    'log.none': Record<never, never>;
    /** The user has several front logs and did not say which (none is in this channel). */
    'log.which': { channelIds: string[] };
    /** What was pasted is not a PluralKit signing token. */
    'log.signing-token-invalid': Record<never, never>;
    /** A signing token was given for a system the user's token no longer belongs to, or whose log was stopped. */
    'log.signing-token-unexpected': Record<never, never>;
  }
}
