import type { StoredToken } from '../tokens/encrypted-tokens.js';
import type { ReadTarget } from '../access/read-target.js';
import type { CommandContext } from './command.js';

/** What a handler may require before it runs; the table checks it so handlers never do. */
export interface Needs {
  /**
   * The caller's stored PluralKit token (their own system): `true` for a change, `'to-show'` for
   * the owner's private view (the refusal without one says which).
   */
  token?: boolean | 'to-show';
  /** A server: per-server settings and autoproxy make no sense in DMs. */
  server?: boolean;
}

/**
 * Who sees the reply. `ephemeral`: only the caller (writes, setup, errors). `target`: the command
 * reads a system chosen with `user`/`system`/`private`; the reply is public (PluralKit's public
 * view) unless `private: True` asks for the owner view, which is ephemeral. `read`: the same for a
 * command that names what it reads in its own options (a member, a group): only `[private]` is
 * added, and the handler gets `privateView`.
 */
export type ReplyVisibility = 'ephemeral' | 'target' | 'read';

/** The caller's own system credentials, from the vault. */
export type OwnAuth = StoredToken;

/** The context a handler receives, narrowed by what the table declared it needs. */
export type HandlerContext<N extends Needs = Needs, V extends ReplyVisibility = ReplyVisibility> = CommandContext &
  (N extends { token: true | 'to-show' } ? { auth: OwnAuth } : unknown) &
  (N extends { server: true } ? { guildId: string } : unknown) &
  (V extends 'target' ? { target: ReadTarget } : unknown) &
  (V extends 'read' ? { privateView: boolean } : unknown);
