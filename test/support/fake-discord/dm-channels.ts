/** One DM channel per user, created on first use, plus which users have closed their DMs. */
export class DmChannels {
  private readonly channelByUser = new Map<string, string>();
  private readonly userByChannel = new Map<string, string>();
  private readonly closed = new Set<string>();

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
    if (closed) this.closed.add(userId);
    else this.closed.delete(userId);
  }

  isClosed(userId: string): boolean {
    return this.closed.has(userId);
  }
}
