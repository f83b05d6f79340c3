import { DiscordErrors, type DiscordError } from './http-io.js';

/** One DM channel per user, created on first use, plus which users' DMs Discord refuses, and how. */
export class DmChannels {
  private readonly channelByUser = new Map<string, string>();
  private readonly userByChannel = new Map<string, string>();
  private readonly refusals = new Map<string, DiscordError>();

  constructor(private readonly nextId: () => string) {}

  channelFor(userId: string): string {
    let channelId = this.channelByUser.get(userId);
    if (!channelId) {
      channelId = this.nextId();
      this.channelByUser.set(userId, channelId);
      this.userByChannel.set(channelId, userId);
    }
    return channelId;
  }

  recipientOf(channelId: string): string | undefined {
    return this.userByChannel.get(channelId);
  }

  setClosed(userId: string, closed: boolean): void {
    this.setRefusal(userId, closed ? DiscordErrors.cannotDmUser : null);
  }

  /** Any error Discord may answer a DM with (closed DMs are 403 50007); null: DMs go through. */
  setRefusal(userId: string, error: DiscordError | null): void {
    if (error) this.refusals.set(userId, error);
    else this.refusals.delete(userId);
  }

  refusalFor(userId: string): DiscordError | undefined {
    return this.refusals.get(userId);
  }
}
