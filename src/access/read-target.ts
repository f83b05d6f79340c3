import { Refusal, refuse } from '../core/refusal.js';
import { readVisibility, type Visibility } from '../core/visibility.js';
import { hasCode, PkErrorCode } from '../pluralkit/errors.js';
import { normalizeSystemRef } from '../pluralkit/refs.js';
import type { Services } from '../services.js';
import { storedSystemFor, storedTokenFor } from './stored-token.js';

export interface ReadTargetOptions {
  user?: string | undefined;
  system?: string | undefined;
  private?: boolean | undefined;
  /** Answer only to the caller, with the view they may see (the public one unless `private`). */
  only_me?: boolean | undefined;
}

/** How a reply names the system it shows: its name as this view may see it, and its ID. */
export interface SystemNaming {
  /** Null when the view hides the name (name privacy) or the system has none. */
  name: string | null;
  /** Short ID; null only when PluralKit could not be asked. */
  id: string | null;
  /** The Discord account the system was looked up by, to mention when it has no name to show. */
  accountId: string | null;
  /** The ref the reply read, for when PluralKit could not be asked (`@me`: the owner's own view). */
  ref: string;
}

const OWN_VIEW: SystemNaming = { name: null, id: null, accountId: null, ref: '@me' };

/** Which system a read command looks at, with which credentials, shown to whom. */
export interface ReadTarget {
  /** Path ref for the API: `@me` for the owner view, otherwise a short ID, UUID or Discord ID. */
  systemRef: string;
  /** Only set for the caller's own system with `private: true`: the owner view. */
  token: string | undefined;
  visibility: Visibility;
  /** The caller's own system: the one their token belongs to, or (without one) the one linked to their Discord account. */
  ownSystem: boolean;
  /** Whether the caller has connected a token (so `private: True` can work for them). */
  connected: boolean;
  /** The system as this view names it (read once, on first call; never fails: falls back to the ref). */
  naming(): Promise<SystemNaming>;
}

/**
 * Public reads go to PluralKit without a token, so what a public reply shows is
 * exactly PluralKit's public view by construction (one request, no filtering
 * to get wrong). The token is used only for the owner's `private: true` view.
 * Without a token and without `user`/`system`, the caller's own system is looked
 * up by their Discord account, as `user: @me` would.
 */
export async function resolveReadTarget(services: Services, callerId: string, options: ReadTargetOptions): Promise<ReadTarget> {
  if (options.user && options.system) refuse('read.user-and-system', {});
  const stored = await storedSystemFor(services, callerId);
  const privateView = options.private === true;

  let publicRef: string;
  let ownSystem: boolean;
  let accountId: string | null = null;
  if (options.system) {
    const ref = normalizeSystemRef(options.system);
    if (!ref) {
      refuse('read.not-a-system-id', { input: options.system });
    }
    publicRef = ref;
    ownSystem = stored !== null && (ref === stored.systemId || ref === stored.systemUuid);
  } else if (options.user) {
    publicRef = options.user;
    accountId = options.user;
    ownSystem = options.user === callerId;
  } else {
    // Without a token, the system PluralKit links to the caller's Discord account (its public view).
    publicRef = stored ? stored.systemId : callerId;
    accountId = stored ? null : callerId;
    ownSystem = true;
  }

  if (privateView && !(ownSystem && stored)) refuse('read.private-not-yours', { connected: stored !== null });
  const token = privateView ? (await requireToken(services, callerId)).token : undefined;
  const systemRef = privateView ? '@me' : publicRef;
  // The owner's own view is shown only to them: "your system" says it without another request.
  const naming = privateView ? () => Promise.resolve(OWN_VIEW) : namingOnce(services, systemRef, accountId);
  // Looked up by the caller's own account: say plainly when PluralKit links no system to it.
  if (!stored && !options.user && !options.system) await requireLinkedSystem(services, callerId);
  return {
    systemRef,
    token,
    visibility: readVisibility(privateView || options.only_me === true),
    ownSystem,
    connected: stored !== null,
    naming,
  };
}

/** A refusal that says how to connect when the caller's Discord account has no PluralKit system. */
async function requireLinkedSystem(services: Services, callerId: string): Promise<void> {
  try {
    await services.pluralkit.getSystem(callerId);
  } catch (error) {
    if (hasCode(error, PkErrorCode.SystemNotFound)) throw new Refusal('system.not-linked', {});
    throw error;
  }
}

/** The system's name and ID as the public sees them (a public read), read on first use and then kept for the reply. */
function namingOnce(services: Services, ref: string, accountId: string | null): () => Promise<SystemNaming> {
  let naming: Promise<SystemNaming> | undefined;
  return () =>
    (naming ??= services.pluralkit.getSystem(ref).then(
      (system) => ({ name: system.name, id: system.id, accountId, ref }),
      // The heading is not worth failing a reply for: the reply's own read says what went wrong.
      () => ({ name: null, id: null, accountId, ref }),
    ));
}

/** The caller's token, or a clear request to set it up. */
export async function requireToken(services: Services, callerId: string, purpose: 'change' | 'show' = 'change'): Promise<{ token: string; systemId: string; systemUuid: string }> {
  const stored = await storedTokenFor(services, callerId);
  if (!stored) throw new Refusal('token.needed', { purpose });
  return stored;
}
