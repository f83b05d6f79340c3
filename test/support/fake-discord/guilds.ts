import { DiscordErrors, type DiscordError } from './http-io.js';

/*
 * Servers as far as a bot that posts in channels needs them: roles with permissions, who has which
 * role (the bot too, or the bot is not in the server), channels with permission overwrites. A
 * channel no test defined behaves as before (every permission), so older tests are unchanged.
 * Permission maths written from Discord's documentation ("Permissions: permission overwrites"),
 * independently of the bot's own.
 */

export const Permission = {
  ManageChannels: 1n << 4n,
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
} as const;

export const EVERY_PERMISSION = (1n << 51n) - 1n;

export interface FakeOverwrite {
  /** A role ID (the guild ID is @everyone) or a user ID. */
  id: string;
  type: 'role' | 'member';
  allow?: bigint;
  deny?: bigint;
}

export interface FakeGuildInput {
  id: string;
  ownerId?: string;
  /** @everyone's permissions. */
  everyone: bigint;
  /** Other roles by ID. */
  roles?: Record<string, bigint>;
  /** Members' role IDs by user ID; the bot is a member only when listed here. */
  members: Record<string, string[]>;
  channels: Record<string, { name?: string; overwrites?: FakeOverwrite[] }>;
}

export class FakeGuilds {
  private readonly guilds = new Map<string, FakeGuildInput>();
  private readonly channelGuild = new Map<string, string>();

  define(guild: FakeGuildInput): void {
    for (const [channelId, guildId] of [...this.channelGuild]) if (guildId === guild.id) this.channelGuild.delete(channelId);
    this.guilds.set(guild.id, guild);
    for (const channelId of Object.keys(guild.channels)) this.channelGuild.set(channelId, guild.id);
  }

  guild(guildId: string): FakeGuildInput | undefined {
    return this.guilds.get(guildId);
  }

  /** The defined guild a channel belongs to, if any. */
  guildOf(channelId: string): FakeGuildInput | undefined {
    const guildId = this.channelGuild.get(channelId);
    return guildId === undefined ? undefined : this.guilds.get(guildId);
  }

  /** A user's permissions in a defined channel; undefined for a channel no test defined. */
  permissionsIn(channelId: string, userId: string): bigint | undefined {
    const guild = this.guildOf(channelId);
    if (!guild) return undefined;
    const roleIds = guild.members[userId];
    if (!roleIds) return 0n;
    if (guild.ownerId === userId) return EVERY_PERMISSION;
    let permissions = guild.everyone;
    for (const roleId of roleIds) permissions |= guild.roles?.[roleId] ?? 0n;
    if (permissions & Permission.Administrator) return EVERY_PERMISSION;
    const overwrites = guild.channels[channelId]!.overwrites ?? [];
    const apply = (matching: FakeOverwrite[]): void => {
      const deny = matching.reduce((bits, o) => bits | (o.deny ?? 0n), 0n);
      const allow = matching.reduce((bits, o) => bits | (o.allow ?? 0n), 0n);
      permissions = (permissions & ~deny) | allow;
    };
    apply(overwrites.filter((o) => o.type === 'role' && o.id === guild.id));
    apply(overwrites.filter((o) => o.type === 'role' && o.id !== guild.id && roleIds.includes(o.id)));
    apply(overwrites.filter((o) => o.type === 'member' && o.id === userId));
    return permissions & Permission.ViewChannel ? permissions : 0n;
  }

  /** What Discord answers the bot posting (or editing) in a defined channel without the right; undefined: allowed. */
  refusalToPost(channelId: string, botUserId: string): DiscordError | undefined {
    const permissions = this.permissionsIn(channelId, botUserId);
    if (permissions === undefined) return undefined;
    if (!(permissions & Permission.ViewChannel)) return DiscordErrors.missingAccess;
    if (!(permissions & Permission.SendMessages)) return DiscordErrors.missingPermissions;
    return undefined;
  }

  /** GET /channels/{id} for a defined guild channel. */
  channelObject(channelId: string): Record<string, unknown> | undefined {
    const guild = this.guildOf(channelId);
    if (!guild) return undefined;
    const channel = guild.channels[channelId]!;
    return {
      id: channelId,
      type: 0,
      guild_id: guild.id,
      name: channel.name ?? 'log',
      position: 0,
      flags: 0,
      permission_overwrites: (channel.overwrites ?? []).map((o) => ({ id: o.id, type: o.type === 'role' ? 0 : 1, allow: String(o.allow ?? 0n), deny: String(o.deny ?? 0n) })),
    };
  }

  guildObject(guildId: string): Record<string, unknown> | undefined {
    const guild = this.guilds.get(guildId);
    if (!guild) return undefined;
    const roles = [[guild.id, guild.everyone] as const, ...Object.entries(guild.roles ?? {})].map(([id, permissions], position) => ({
      id,
      name: id === guild.id ? '@everyone' : `role ${id}`,
      permissions: String(permissions),
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    }));
    return { id: guild.id, name: `guild ${guild.id}`, owner_id: guild.ownerId ?? '0', roles, features: [] };
  }
}
