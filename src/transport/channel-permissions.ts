/*
 * A member's permissions in a server channel, computed as Discord documents it ("Permission
 * overwrites"): the owner has all; otherwise @everyone's and the member's roles' permissions
 * (Administrator means all), then the channel's overwrites for @everyone, for the member's roles
 * together, and for the member, each denying then allowing. Without View Channel nothing else counts.
 */

const ADMINISTRATOR = 1n << 3n;
const VIEW_CHANNEL = 1n << 10n;
const ALL = (1n << 53n) - 1n;

export interface GuildRole {
  id: string;
  permissions: string;
}

export interface Overwrite {
  id: string;
  /** 0 role, 1 member. */
  type: number;
  allow: string;
  deny: string;
}

export interface PermissionInputs {
  guildId: string;
  ownerId: string;
  roles: readonly GuildRole[];
  memberId: string;
  memberRoleIds: readonly string[];
  overwrites: readonly Overwrite[];
}

export function channelPermissions(input: PermissionInputs): bigint {
  if (input.ownerId === input.memberId) return ALL;
  const roleBits = new Map(input.roles.map((role) => [role.id, BigInt(role.permissions)]));
  let bits = roleBits.get(input.guildId) ?? 0n;
  for (const roleId of input.memberRoleIds) bits |= roleBits.get(roleId) ?? 0n;
  if (bits & ADMINISTRATOR) return ALL;
  const apply = (matching: readonly Overwrite[]): void => {
    let allow = 0n;
    let deny = 0n;
    for (const overwrite of matching) {
      allow |= BigInt(overwrite.allow);
      deny |= BigInt(overwrite.deny);
    }
    bits = (bits & ~deny) | allow;
  };
  apply(input.overwrites.filter((o) => o.type === 0 && o.id === input.guildId));
  apply(input.overwrites.filter((o) => o.type === 0 && o.id !== input.guildId && input.memberRoleIds.includes(o.id)));
  apply(input.overwrites.filter((o) => o.type === 1 && o.id === input.memberId));
  return bits & VIEW_CHANNEL ? bits : 0n;
}
