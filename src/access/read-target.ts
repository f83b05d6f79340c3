import { Refusal } from '../core/refusal.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { readVisibility, type Visibility } from '../core/visibility.js';
import { normalizeSystemRef } from '../pluralkit/refs.js';
import type { Services } from '../services.js';
import { storedSystemFor, storedTokenFor } from './stored-token.js';

export interface ReadTargetOptions {
  user?: string | undefined;
  system?: string | undefined;
  private?: boolean | undefined;
}

/** Which system a read command looks at, with which credentials, shown to whom. */
export interface ReadTarget {
  /** Path ref for the API: `@me` for the owner view, otherwise a short ID, UUID or Discord ID. */
  systemRef: string;
  /** Only set for the caller's own system with `private: true`: the owner view. */
  token: string | undefined;
  visibility: Visibility;
  ownSystem: boolean;
  /** For messages: "your system", "system `abcde`", "<@123>'s system". */
  label: string;
}

/**
 * Public reads go to PluralKit without a token, so what a public reply shows is
 * exactly PluralKit's public view by construction (one request, no filtering
 * to get wrong). The token is used only for the owner's `private: true` view.
 */
export async function resolveReadTarget(services: Services, callerId: string, options: ReadTargetOptions): Promise<ReadTarget> {
  if (options.user && options.system) throw new UserFacingError('Give either `user` or `system`, not both.');
  const stored = await storedSystemFor(services, callerId);
  const privateView = options.private === true;

  let publicRef: string;
  let ownSystem: boolean;
  let label: string;
  if (options.system) {
    const ref = normalizeSystemRef(options.system);
    if (!ref) {
      throw new UserFacingError(
        `\`${options.system.slice(0, 40)}\` is not a system ID. Use a 5–6 letter ID like \`abcdef\` (or \`abc-def\`), a UUID, or the \`user\` option.`,
      );
    }
    publicRef = ref;
    ownSystem = stored !== null && (ref === stored.systemId || ref === stored.systemUuid);
    label = ownSystem ? 'your system' : `system \`${ref}\``;
  } else if (options.user) {
    publicRef = options.user;
    ownSystem = stored !== null && options.user === callerId;
    label = ownSystem ? 'your system' : `<@${options.user}>'s system`;
  } else {
    if (!stored) {
      throw new UserFacingError(
        'Switchboard does not know your system yet. Run `/token set` to connect it, or pass `user` or `system` to look up someone else.',
      );
    }
    publicRef = stored.systemId;
    ownSystem = true;
    label = 'your system';
  }

  if (privateView && !ownSystem) {
    throw new UserFacingError(
      stored
        ? "`private: True` only works for your own system: you can't see another system's private information."
        : '`private: True` shows your own private data; run `/token set` first to connect your system.',
    );
  }
  return {
    systemRef: privateView ? '@me' : publicRef,
    // The token is decrypted only for the owner's own view: public reads send none.
    token: privateView ? (await requireToken(services, callerId)).token : undefined,
    visibility: readVisibility(privateView),
    ownSystem,
    label,
  };
}

/** The caller's token, or a clear request to set it up. */
export async function requireToken(services: Services, callerId: string, purpose: 'change' | 'show' = 'change'): Promise<{ token: string; systemId: string; systemUuid: string }> {
  const stored = await storedTokenFor(services, callerId);
  if (!stored) throw new Refusal('token.needed', { purpose });
  return stored;
}
