export type StoredCommand = Record<string, unknown> & { id: string; name: string; type: number };

/** Application commands as the bot registered them, globally and per guild. */
export class CommandStore {
  private global: StoredCommand[] = [];
  private readonly guilds = new Map<string, StoredCommand[]>();

  constructor(
    private readonly applicationId: string,
    private readonly nextId: () => string,
  ) {}

  /** Bulk overwrite, like Discord: a command keeps its id when name and type stay the same. */
  overwrite(guildId: string | undefined, commands: Array<Record<string, unknown> & { name: string; type?: number }>): StoredCommand[] {
    const previous = this.list(guildId);
    const next = commands.map((command): StoredCommand => {
      const type = command.type ?? 1;
      const existing = previous.find((c) => c.name === command.name && c.type === type);
      return {
        ...command,
        id: existing?.id ?? this.nextId(),
        application_id: this.applicationId,
        version: this.nextId(),
        type,
        default_member_permissions: command.default_member_permissions ?? null,
        nsfw: command.nsfw ?? false,
        ...(guildId ? { guild_id: guildId } : {}),
      };
    });
    if (guildId) this.guilds.set(guildId, next);
    else this.global = next;
    return next;
  }

  list(guildId: string | undefined): StoredCommand[] {
    return guildId ? (this.guilds.get(guildId) ?? []) : this.global;
  }

  /** The command an interaction would target: a guild command shadows a global one. */
  find(name: string, type: number, guildId: string | null | undefined): StoredCommand | undefined {
    const matches = (c: StoredCommand): boolean => c.name === name && c.type === type;
    return (guildId ? this.list(guildId).find(matches) : undefined) ?? this.global.find(matches);
  }
}
